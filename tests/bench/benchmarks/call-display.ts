/**
 * Figure 1: a teller's "call next" → the last of 50 displays receives the call. Tellers press at the
 * same instant (their emits go out back to back); each call is one sample. The floor is the bare
 * socket.io server with one durable write per call, driven by the very same client processes, the two
 * measured by turns (by-turns.ts) so both see the same stretches of a shared machine.
 */
import { BENCH_SERVICE, singleQueueConfig } from '../branch-configs';
import { sleep, startBenchServer, type RunningServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import type { CallSample } from '../client-worker';
import { blocksOf, byTurns } from '../by-turns';
import { againstFloor, ratioAtMost } from '../figures';
import { elapsedMs, summarize } from '../stats';

export const DISPLAYS = 50;
/**
 * Rounds per load. A round's calls are one burst and share its luck (a scheduler delay, a collection), so what
 * steadies a p99 is the number of rounds, not of samples: with 120 single calls the p99 was the second slowest,
 * and with 40 rounds of 10 or 12 of 100 one slow round made it, on either side (docs/BENCHMARKS.md, fifth round).
 */
export const CALL_ROUNDS = {
  oneTeller: { full: 400, quick: 8, tiny: 2 },
  tenTellers: { full: 120, quick: 2, tiny: 1 },
  hundredTellers: { full: 36, quick: 1, tiny: 1 },
} as const;
const LOADS = [
  { tellers: 1, rounds: CALL_ROUNDS.oneTeller, targetMs: 20 },
  { tellers: 10, rounds: CALL_ROUNDS.tenTellers, targetMs: 50 },
  { tellers: 100, rounds: CALL_ROUNDS.hundredTellers, targetMs: 150 },
];
/**
 * Each fresh server's rounds are not counted until it has called for this long, and at least MIN_WARM_UP_ROUNDS
 * rounds: a branch server running for days compiled its code long ago. With 2 rounds only, Rinda's 4th and 5th
 * rounds with one teller took 9-13 ms against 5-6 later (two of a block's hundred, eight of the run's 400: they
 * made its p99), and the floor's first three rounds with ten tellers 24-34 ms against 16 (docs/BENCHMARKS.md,
 * issue 22's eleventh round). The log says how many rounds each block's warm-up took.
 */
const WARM_UP_MS = { full: 5000, quick: 500, tiny: 0 } as const;
const MIN_WARM_UP_ROUNDS = 2;
/** Queue-length updates are coalesced to 4 per second: rounds start after the last one went out. */
const GAP_BETWEEN_ROUNDS_MS = 260;

export interface CallRunOptions {
  tellers: number;
  rounds: number;
  displays?: number;
  /** Start this server instead of a fresh one of `kind` (the reports figure brings its own). */
  server?: RunningServer;
  /** Runs alongside the measured rounds (started after warm-up), e.g. managers' reports. */
  during?: { start(server: RunningServer): Promise<void>; stop(): Promise<void> };
  /** Ends the run before `rounds` once this is true (asked before each round): while something lasts, e.g. a rebuild. */
  until?: () => boolean;
}

/** Latencies (ms) from each teller's emit to the last display's receipt of that call. */
export async function measureCalls(ctx: BenchContext, kind: 'rinda' | 'floor', options: CallRunOptions): Promise<number[]> {
  const displays = options.displays ?? DISPLAYS;
  const server = options.server ?? (await startBenchServer(ctx, { kind, config: singleQueueConfig(Math.max(options.tellers, 1)) }));
  const counterIds = Array.from({ length: options.tellers }, (_, i) => `c${i + 1}`);
  const displayClients = ctx.worker('./client-worker.ts', 'displays');
  const staffClients = ctx.worker('./client-worker.ts', 'tellers');
  try {
    const creds = await server.credentials({ tellers: options.tellers, displays, kiosks: 1 });
    await displayClients.call('connect', { url: server.url, role: 'display', credentials: creds.displays });
    await staffClients.call('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks });
    await staffClients.call('connect', { url: server.url, role: 'teller', credentials: creds.tellers, counterIds });
    await staffClients.call('signIn');

    const latencies: number[] = [];
    let duringStarted = false;
    const warmUpMs = bySize(ctx, WARM_UP_MS);
    const warmUpStart = performance.now();
    let warmUpRounds = 0;
    for (let measured = 0; measured < options.rounds && !options.until?.(); ) {
      const warm = warmUpRounds >= MIN_WARM_UP_ROUNDS && performance.now() - warmUpStart >= warmUpMs;
      if (warm && !duringStarted && options.during) {
        await options.during.start(server);
        duringStarted = true;
      }
      await staffClients.call('issue', { count: options.tellers, serviceId: BENCH_SERVICE });
      await sleep(GAP_BETWEEN_ROUNDS_MS);
      const calls = await staffClients.call<CallSample[]>('callRound');
      const failed = calls.find((c) => c.ticketId === null);
      if (failed) throw new Error(`call next failed: ${failed.error}`);
      const received = await displayClients.call<Record<string, string | null>>('receipts', { ticketIds: calls.map((c) => c.ticketId!), timeoutMs: 15_000 });
      for (const call of calls) {
        const at = received[call.ticketId!];
        if (at === null || at === undefined) throw new Error(`call of ${call.ticketId} did not reach all ${displays} displays`);
        if (warm) latencies.push(elapsedMs(BigInt(call.emitAt), BigInt(at)));
      }
      await staffClients.call('finishAll');
      if (warm) measured++;
      else warmUpRounds++;
    }
    ctx.log(`    ${kind}: ${warmUpRounds} warm-up rounds, not counted`);
    if (duringStarted) await options.during!.stop();
    // A server that outlives this run gets its counters back for the next one.
    if (options.server) await staffClients.call('signOut');
    return latencies;
  } finally {
    await displayClients.call('close').catch(() => undefined);
    await staffClients.call('close').catch(() => undefined);
    await displayClients.stop();
    await staffClients.stop();
    if (!options.server) await server.stop();
  }
}

export const callDisplayBenchmark: Benchmark = {
  id: 'call-display',
  title: '1. Call → display',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const load of LOADS) {
      const rounds = bySize(ctx, load.rounds);
      const blocks = blocksOf(rounds);
      ctx.log(`${load.tellers} teller(s), ${DISPLAYS} displays, ${rounds} rounds each, the floor and Rinda by turns in ${blocks.length} blocks`);
      // Each block is a fresh server of its kind with its own warm-up (WARM_UP_MS).
      const side = (kind: 'floor' | 'rinda') => ({ name: kind, measure: (size: number) => measureCalls(ctx, kind, { tellers: load.tellers, rounds: size }) });
      const turns = await byTurns(blocks, side('floor'), side('rinda'), { log: ctx.log, unit: 'rounds' });
      const floor = summarize(turns.first.flat());
      const real = summarize(turns.second.flat());
      figures.push(
        againstFloor({
          section: this.title,
          name: `${load.tellers} teller${load.tellers > 1 ? 's' : ''}, ${DISPLAYS} displays`,
          unit: 'ms',
          measured: real,
          floor,
          floorLabel: 'bare socket.io + 1 durable write',
          target: `p99 ≤ 1.2× floor (and about ≤ ${load.targetMs} ms)`,
          judge: ratioAtMost(1.2),
          note: `absolute p99 ${real.p99 <= load.targetMs ? 'within' : 'over'} ${load.targetMs} ms`,
        }),
      );
    }
    return figures;
  },
};
