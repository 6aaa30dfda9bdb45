/**
 * Figure 2: kiosks issuing continuously (each sends its next request as soon as the last is acked):
 * durable tickets per second and ack latency, against the floor's one durable insert per request.
 */
import { benchServiceIds, manyServicesConfig } from '../branch-configs';
import { startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import { againstFloor, ratioAtMost } from '../figures';
import { cpuPerItem, processCpu } from '../process-cpu';
import { ratio, summarize, type Summary } from '../stats';

interface IssueRun {
  rate: number;
  latency: Summary;
  /** The server process's CPU time (all threads) per acked ticket, over the measured seconds. */
  cpuPerTicket: string;
}

/**
 * Services the tickets are spread over: a kiosk issuing flat out for 10 s passes 5000 tickets of one service, the
 * most walk-in numbers a service has in a day (APPOINTMENT_NUMBER_BASE); 16 keep 8 kiosks at 6000 a second within it.
 */
const SERVICES = 16;

async function measureIssue(ctx: BenchContext, kind: 'rinda' | 'floor', kiosks: number, durationMs: number): Promise<IssueRun> {
  const server = await startBenchServer(ctx, { kind, config: manyServicesConfig(4, SERVICES) });
  const clients = ctx.worker('./client-worker.ts', 'kiosks');
  try {
    const creds = await server.credentials({ kiosks });
    await clients.call('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks });
    // A short warm-up: the first requests pay for JIT compilation and the first WAL pages.
    await clients.call('issueLoop', { durationMs: Math.min(1000, durationMs / 4), serviceIds: benchServiceIds(SERVICES) });
    const cpuBefore = processCpu(server.pid);
    const run = await clients.call<{ latencies: number[]; failed: number; elapsedMs: number }>('issueLoop', { durationMs, serviceIds: benchServiceIds(SERVICES) });
    const cpuPerTicket = cpuPerItem(cpuBefore, processCpu(server.pid), run.latencies.length);
    if (run.failed > 0) throw new Error(`${run.failed} issues failed`);
    return { rate: run.latencies.length / (run.elapsedMs / 1000), latency: summarize(run.latencies), cpuPerTicket };
  } finally {
    await clients.call('close').catch(() => undefined);
    await server.stop();
  }
}

export const ticketIssueBenchmark: Benchmark = {
  id: 'ticket-issue',
  title: '2. Ticket issue',
  async run(ctx): Promise<Figure[]> {
    const durationMs = bySize(ctx, { full: 10_000, quick: 1500, tiny: 400 });
    const figures: Figure[] = [];
    for (const kiosks of [1, 8]) {
      ctx.log(`${kiosks} kiosk(s) for ${durationMs / 1000} s: floor`);
      const floor = await measureIssue(ctx, 'floor', kiosks, durationMs);
      ctx.log(`${kiosks} kiosk(s): Rinda`);
      const real = await measureIssue(ctx, 'rinda', kiosks, durationMs);
      const rateRatio = ratio(real.rate, floor.rate);
      const label = 'bare socket.io + 1 durable insert';
      figures.push(
        {
          section: this.title,
          name: `${kiosks} kiosk${kiosks > 1 ? 's' : ''}: durable tickets per second`,
          unit: 'tickets/s',
          samples: real.latency.n,
          median: real.rate,
          p99: null,
          floor: { label, median: floor.rate, p99: null },
          ratio: rateRatio,
          ratioOf: 'rate',
          target: '≥ 0.9× floor',
          met: rateRatio === null ? null : rateRatio >= 0.9,
          note: `server CPU per ticket (all threads): ${real.cpuPerTicket}; floor ${floor.cpuPerTicket}`,
        },
        againstFloor({
          section: this.title,
          name: `${kiosks} kiosk${kiosks > 1 ? 's' : ''}: ack latency`,
          unit: 'ms',
          measured: real.latency,
          floor: floor.latency,
          floorLabel: label,
          target: 'p99 ≤ 1.5× floor',
          judge: ratioAtMost(1.5),
        }),
      );
    }
    return figures;
  },
};
