import { readPrinterStatus } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import { kioskPrinter } from './kiosk-printer';

const POLL_INTERVAL_MS = 15_000;

/**
 * Reads every server-printed kiosk printer's status now and then, so the manager sees "paper out" before
 * a customer finds it. A health change is recorded (and broadcast) by setPrinterHealth; no change, no row.
 */
export function printerHealthPoll(ctx: AppContext, intervalMs = POLL_INTERVAL_MS): { pollOnce(): Promise<void>; stop(): void } {
  let running = false;
  const pollOnce = async () => {
    // A database closed without close() (a crashed test) must not keep the timer polling it.
    if (!ctx.db.open) return stop();
    if (running) return;
    running = true;
    try {
      for (const device of ctx.devices.list()) {
        if (device.kind !== 'kiosk' || device.revoked) continue;
        // Only addresses the printer policy admits: a refused one is never connected to, not even to poll it.
        const printer = await kioskPrinter(ctx, device.id);
        if (printer === null) continue;
        if (!printer.ok) {
          // Shown to the manager once, with the reason, not every poll.
          if (device.printer !== 'offline') ctx.devices.setPrinterHealth(device.id, 'offline', printer.reason);
          continue;
        }
        const health = await readPrinterStatus(printer.target, { timeoutMs: 1000 }).catch(() => 'unknown' as const);
        ctx.devices.setPrinterHealth(device.id, health);
      }
    } catch (error) {
      ctx.logger.error({ err: error }, 'printer health poll failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void pollOnce(), intervalMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  return { pollOnce, stop };
}

/** The printing feature: the periodic printer health poll (printing itself is the TicketPrinting port). */
export function printingFeature(intervalMs = POLL_INTERVAL_MS): FeatureModule {
  // One feature list serves every app in a process (tests start several): one poll per app, stopped with it.
  const polls = new Map<AppContext, ReturnType<typeof printerHealthPoll>>();
  return {
    name: 'printing',
    socket(_io, ctx) {
      polls.set(ctx, printerHealthPoll(ctx, intervalMs));
    },
    close(ctx) {
      polls.get(ctx)?.stop();
      polls.delete(ctx);
    },
  };
}
