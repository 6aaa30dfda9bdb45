/**
 * Figure 2: kiosks issuing continuously (each sends its next request as soon as the last is acked):
 * durable tickets per second and ack latency, against the floor's one durable insert per request, the two
 * measured by turns (by-turns.ts).
 */
import { benchServiceIds, manyServicesConfig } from '../branch-configs';
import { startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import { blocksOf, byTurns, TURNS } from '../by-turns';
import { againstFloor, ratioAtMost } from '../figures';
import { cpuBetween, cpuPerItem, processCpu, totalCpu, type ProcessCpu } from '../process-cpu';
import { ratio, summarize, type Summary } from '../stats';

/** One block of a side: what its kiosks were acked, in how long, for how much of the server's CPU. */
interface IssueBlock {
  latencies: number[];
  elapsedMs: number;
  cpu: ProcessCpu;
}

interface IssueRun {
  rate: number;
  latency: Summary;
  /** The server process's CPU time (all threads) per acked ticket, over the measured seconds. */
  cpuPerTicket: string;
}

/** A side's blocks pooled: tickets over the seconds they took, and the CPU they cost. */
function pooled(blocks: IssueBlock[]): IssueRun {
  const latencies = blocks.flatMap((b) => b.latencies);
  const seconds = blocks.reduce((sum, b) => sum + b.elapsedMs, 0) / 1000;
  const cpu = totalCpu(blocks.map((b) => b.cpu));
  return { rate: latencies.length / seconds, latency: summarize(latencies), cpuPerTicket: cpuPerItem(cpu, latencies.length) };
}

/**
 * Services the tickets are spread over: a kiosk issuing flat out for 10 s passes 5000 tickets of one service, the
 * most walk-in numbers a service has in a day (APPOINTMENT_NUMBER_BASE); 16 keep 8 kiosks at 6000 a second within it.
 */
const SERVICES = 16;

async function measureIssue(ctx: BenchContext, kind: 'rinda' | 'floor', kiosks: number, durationMs: number, warmUpMs: number): Promise<IssueBlock> {
  const server = await startBenchServer(ctx, { kind, config: manyServicesConfig(4, SERVICES) });
  const clients = ctx.worker('./client-worker.ts', 'kiosks');
  try {
    const creds = await server.credentials({ kiosks });
    await clients.call('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks });
    await clients.call('issueLoop', { durationMs: warmUpMs, serviceIds: benchServiceIds(SERVICES) });
    const cpuBefore = processCpu(server.pid);
    const run = await clients.call<{ latencies: number[]; failed: number; elapsedMs: number }>('issueLoop', { durationMs, serviceIds: benchServiceIds(SERVICES) });
    const cpu = cpuBetween(cpuBefore, processCpu(server.pid));
    if (run.failed > 0) throw new Error(`${run.failed} issues failed`);
    return { latencies: run.latencies, elapsedMs: run.elapsedMs, cpu };
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
    // Each block's server is fresh: its first seconds pay for JIT compilation and the first WAL pages, which a
    // branch server, running for days, paid long ago. With one second (about 500 tickets with one kiosk) Rinda
    // still spent 1.3-1.4 ms of CPU per ticket in the measured seconds, with five 0.6-0.8 ms; the floor, with
    // almost no code to compile, 0.15-0.22 ms either way (docs/BENCHMARKS.md, ninth round).
    const warmUpMs = bySize(ctx, { full: 5000, quick: 500, tiny: 100 });
    const figures: Figure[] = [];
    for (const kiosks of [1, 8]) {
      // Each side's milliseconds in blocks, by turns (by-turns.ts); each block a fresh server of its kind with its warm-up.
      // Two blocks with tiny counts: the harness's test still takes turns both ways, with half the servers to start.
      const blocks = blocksOf(durationMs, bySize(ctx, { full: TURNS, quick: TURNS, tiny: 2 }));
      ctx.log(`${kiosks} kiosk(s) for ${durationMs / 1000} s each, the floor and Rinda by turns in ${blocks.length} blocks`);
      const side = (kind: 'floor' | 'rinda') => ({ name: kind, measure: (ms: number) => measureIssue(ctx, kind, kiosks, ms, warmUpMs) });
      const turns = await byTurns(blocks, side('floor'), side('rinda'), { log: ctx.log, unit: 'ms' });
      const floor = pooled(turns.first);
      const real = pooled(turns.second);
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
