import { printerBlocksIssue, type BranchConfig, type IssuedTicket, type PrinterHealth, type PrintOutcome } from '@rinda/shared';
import { printTicket, readPrinterStatus, type PaperWidth, type PrinterTarget } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import type { TicketPrinting } from '../ports';
import { kioskPrinter } from './kiosk-printer';

export interface TicketPrintingOptions {
  /** Paper of the kiosks' printers (default 80 mm). */
  paperWidth?: PaperWidth;
  /** How long a printer may take to answer DLE EOT before its state counts as unknown. */
  statusTimeoutMs?: number;
  /** How long sending a ticket may take before it counts as failed. */
  printTimeoutMs?: number;
}

/**
 * Prints tickets for kiosks that print through the server (a browser kiosk, the demo): to the printer
 * in the kiosk's devices.printer_url. Nothing is ever queued: a ticket the printer cannot take now is
 * reported failed, so a refilled printer prints no backlog.
 */
export function createTicketPrinting(ctx: AppContext, options: TicketPrintingOptions = {}): TicketPrinting {
  const paperWidth = options.paperWidth ?? 80;
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const printTimeoutMs = options.printTimeoutMs ?? 3000;

  const readHealth = async (deviceId: string, target: PrinterTarget): Promise<PrinterHealth> => {
    const health = await readPrinterStatus(target, { timeoutMs: statusTimeoutMs }).catch(() => 'unknown' as const);
    ctx.devices.setPrinterHealth(deviceId, health);
    return health;
  };

  /** A refused address is an offline printer with the reason in the device's events, for the manager to read. */
  const refused = (deviceId: string, reason: string): PrinterHealth => {
    ctx.logger.warn({ deviceId, reason }, 'kiosk printer address refused');
    ctx.devices.setPrinterHealth(deviceId, 'offline', reason);
    return 'offline';
  };

  return {
    async check(deviceId) {
      const printer = await kioskPrinter(ctx, deviceId);
      if (printer === null) return 'none';
      if (!printer.ok) return refused(deviceId, printer.reason);
      return readHealth(deviceId, printer.target);
    },

    async print(deviceId: string, issued: Omit<IssuedTicket, 'print'>, config: BranchConfig): Promise<PrintOutcome> {
      try {
        const printer = await kioskPrinter(ctx, deviceId);
        if (printer === null) return { status: 'by-device' };
        if (!printer.ok) return failed(ctx, deviceId, 'offline', printer.reason);
        const target = printer.target;
        // Read again just before sending: a printer that ran out since the check would otherwise keep
        // the ticket in its buffer and print it after the refill, long after the customer left.
        const health = await readHealth(deviceId, target);
        if (printerBlocksIssue(health)) return failed(ctx, deviceId, health, `printer ${health.replace('_', ' ')}`);
        await printTicket({ issued, config, paperWidth }, target, { timeoutMs: printTimeoutMs });
        ctx.logger.info({ deviceId, ticketId: issued.ticket.id }, 'ticket printed');
        return { status: 'printed' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return failed(ctx, deviceId, 'offline', `print failed: ${message}`);
      }
    },
  };
}

function failed(ctx: AppContext, deviceId: string, health: PrinterHealth, message: string): PrintOutcome {
  ctx.logger.warn({ deviceId, health, reason: message }, 'ticket not printed');
  try {
    ctx.devices.setPrinterHealth(deviceId, health, message);
  } catch (error) {
    ctx.logger.error({ err: error, deviceId }, 'could not record printer health');
  }
  return { status: 'failed', message };
}
