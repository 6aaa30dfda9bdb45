/**
 * Figure 5: a kiosk's ticket request → the last byte (the cut) at the virtual printer, through the real
 * server, which checks the printer's status (DLE EOT), commits the ticket, prints it over TCP and acks.
 * Floor: the same ticket printed straight from the client process to the printer (a kiosk printing itself).
 */
import { BENCH_SERVICE, singleQueueConfig } from '../branch-configs';
import { startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type Figure } from '../bench-types';
import { againstFloor } from '../figures';
import { elapsedMs, summarize } from '../stats';

const TARGET_P99_MS = 100;
const GAP_MS = 30;

export const kioskPrintBenchmark: Benchmark = {
  id: 'kiosk-print',
  title: '5. Kiosk → printed ticket',
  async run(ctx): Promise<Figure[]> {
    const count = bySize(ctx, { full: 150, quick: 10, tiny: 2 });
    const printer = ctx.worker('./printer-worker.ts', 'virtual-printer');
    const { printerUrl } = await printer.call<{ printerUrl: string }>('start');
    const server = await startBenchServer(ctx, { kind: 'rinda', config: singleQueueConfig(4), printing: true });
    const kiosk = ctx.worker('./client-worker.ts', 'kiosk');
    try {
      const creds = await server.credentials({ kiosks: 1, kioskPrinterUrl: printerUrl });
      await kiosk.call('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks });

      ctx.log(`${count} tickets through the server to the virtual printer`);
      await printer.call('watch', { count, timeoutMs: 30_000 });
      const issued = await kiosk.call<{ emitAt: string; print: string }[]>('issueSequence', { count, gapMs: GAP_MS, serviceId: BENCH_SERVICE });
      const notPrinted = issued.filter((t) => t.print !== 'printed');
      if (notPrinted.length) throw new Error(`${notPrinted.length} tickets not printed (${notPrinted[0]!.print})`);
      const cuts = await printer.call<string[]>('collected');
      const real = summarize(issued.map((t, i) => elapsedMs(BigInt(t.emitAt), BigInt(cuts[i]!))));

      ctx.log(`${count} tickets printed straight from the client (floor)`);
      await printer.call('watch', { count, timeoutMs: 30_000 });
      const emits = await kiosk.call<string[]>('printDirect', { printerUrl, count, gapMs: GAP_MS });
      const floorCuts = await printer.call<string[]>('collected');
      const floor = summarize(emits.map((e, i) => elapsedMs(BigInt(e), BigInt(floorCuts[i]!))));

      return [
        againstFloor({
          section: this.title,
          name: 'request → last byte at the printer',
          unit: 'ms',
          measured: real,
          floor,
          floorLabel: 'print straight to the printer',
          target: `p99 ≤ ${TARGET_P99_MS} ms`,
          judge: (_r, m) => m.p99 <= TARGET_P99_MS,
        }),
      ];
    } finally {
      await kiosk.call('close').catch(() => undefined);
      await server.stop();
      await printer.call('stop').catch(() => undefined);
    }
  },
};
