/** The virtual printer in its own process: notes when each ticket's cut (its last command) arrived. */
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { serveWorker } from './worker-rpc';

let printer: VirtualPrinter | null = null;
let collecting: Promise<string[]> | null = null;

serveWorker({
  async start() {
    printer = await startVirtualPrinter({ port: 0 });
    return { printerUrl: printer.printerUrl };
  },
  /** Starts waiting for the next `count` tickets; waitForTicket wakes in the same turn the cut is decoded. */
  watch(params: { count: number; timeoutMs: number }) {
    const p = printer!;
    p.clearTickets();
    collecting = (async () => {
      const times: string[] = [];
      for (let i = 1; i <= params.count; i++) {
        await p.waitForTicket(i, params.timeoutMs);
        times.push(String(process.hrtime.bigint()));
      }
      return times;
    })();
    return null;
  },
  collected: () => collecting,
  async stop() {
    await printer?.close();
    printer = null;
    return null;
  },
});
