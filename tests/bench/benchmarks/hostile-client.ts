/**
 * Figure 8: one hostile client. A branch at its ordinary work (8 kiosks issuing, 10 tellers calling and
 * finishing, 50 displays receiving the calls, /api/health asked every 100 ms) while, in turn, one socket
 * of each role floods every event its role may send, round robin, at 2,500 a second for 10 s, and
 * reconnects whenever it is cut off. The server runs with its default limits. Each flood is compared with
 * the same branch in the seconds just before it, in the same run: the bystanders' issue and call → display
 * p99, the server's RSS, the slowest health answer, and how soon after the flood an issue, a call and a
 * health check are answered again.
 */
import { readFileSync } from 'node:fs';
import type { Role } from '@rinda/shared';
import { BENCH_SERVICE, singleQueueConfig } from '../branch-configs';
import { sleep, startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import type { BranchWork, WorkSample } from '../client-worker';
import { againstFloor, ratioAtMost } from '../figures';
import type { FloodParams, FloodReport } from '../hostile-worker';
import { elapsedMs, summarize, type Summary } from '../stats';
import { DISPLAYS } from './call-display';
import { rssMb } from './memory';

/** CPU seconds the process has used (user + system), from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const ROLES: Role[] = ['teller', 'kiosk', 'display', 'manager', 'public'];
const KIOSKS = 8;
const TELLERS = 10;
/** The hostile teller's and manager's counter: no bystander works there. */
const HOSTILE_COUNTER = `c${TELLERS + 2}`;
const FLOOD_RATE = 2500;
const RECONNECT_EVERY_MS = 100;
const ISSUE_EVERY_MS = 250;
const CALL_EVERY_MS = 400;
const HEALTH_EVERY_MS = 100;
const RSS_EVERY_MS = 100;
/** After a flood and its probe, before the next role's seconds without a flood. */
const SETTLE_MS = 2000;
const TARGETS = { ratio: 2, rssGrowthMb: 50, healthMs: 250, recoveryMs: 1000 };

interface Phase {
  role: Role;
  baselineFrom: bigint;
  flood: FloodReport;
  probe: { issued: WorkSample; call: { emitAt: string; ticketId: string | null; error: string | null }; health: WorkSample; callReceivedAt: string | null };
  settledAt: bigint;
}

const within = (at: string, from: bigint, to: bigint) => BigInt(at) >= from && BigInt(at) < to;
const latency = (s: { emitAt: string; doneAt: string }) => elapsedMs(BigInt(s.emitAt), BigInt(s.doneAt));

function summaryOf(what: string, samples: number[]): Summary {
  if (samples.length === 0) throw new Error(`no samples of ${what}`);
  return summarize(samples);
}

function floodNote(f: FloodReport): string {
  const answers = Object.entries(f.answers)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  const refused = Object.entries(f.refusals)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  const rate = f.connectedMs > 0 ? Math.round(f.sent / (f.connectedMs / 1000)) : 0;
  return (
    `sent ${f.sent} events (${rate}/s while connected, connected ${Math.round(f.connectedMs)} ms of ${Math.round(elapsedMs(BigInt(f.startAt), BigInt(f.endAt)))} ms); ` +
    `answered ${answers || 'none'}; cut off ${f.cutOff}×; ${f.connectAttempts} connection attempts${refused ? `, refused ${refused}` : ''}`
  );
}

async function runFloods(ctx: BenchContext, baselineMs: number, floodMs: number) {
  const server = await startBenchServer(ctx, { kind: 'rinda', config: singleQueueConfig(TELLERS + 2), defaultLimits: true });
  const displays = ctx.worker('./client-worker.ts', 'displays');
  const branch = ctx.worker('./client-worker.ts', 'branch');
  const hostile = ctx.worker('./hostile-worker.ts', 'hostile');
  const rss: { at: bigint; mb: number; cpu: number }[] = [];
  let sampling = true;
  try {
    // One more of each role than the branch uses: the hostile client's own credentials.
    const creds = await server.credentials({ kiosks: KIOSKS + 2, tellers: TELLERS + 2, displays: DISPLAYS + 1, managers: 1 });
    // Counter c1 and the first kiosk are kept out of the ordinary work, for the probe after each flood.
    const counterIds = Array.from({ length: TELLERS + 1 }, (_, i) => `c${i + 1}`);
    await displays.call('connect', { url: server.url, role: 'display', credentials: creds.displays.slice(0, DISPLAYS) });
    await branch.call('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks.slice(0, KIOSKS + 1) });
    await branch.call('connect', { url: server.url, role: 'teller', credentials: creds.tellers.slice(0, TELLERS + 1), counterIds });
    await branch.call('signIn');
    const tickets = await branch.call<string[]>('prefill', { perKiosk: 18, serviceId: BENCH_SERVICE });
    // The kiosks' buckets (a burst of 20, 5 a second) refill before anything is measured.
    await sleep(4000);

    const sampler = (async () => {
      while (sampling) {
        rss.push({ at: process.hrtime.bigint(), mb: rssMb(server.pid), cpu: cpuSeconds(server.pid) });
        await sleep(RSS_EVERY_MS);
      }
    })();
    await branch.call('startBranchWork', {
      url: server.url,
      serviceId: BENCH_SERVICE,
      issueEveryMs: ISSUE_EVERY_MS,
      callEveryMs: CALL_EVERY_MS,
      healthEveryMs: HEALTH_EVERY_MS,
      spareKiosks: 1,
      spareTellers: 1,
    });
    const hostileCredential: Record<Role, string> = {
      teller: creds.tellers.at(-1)!,
      kiosk: creds.kiosks.at(-1)!,
      display: creds.displays.at(-1)!,
      manager: creds.managers[0]!,
      public: tickets[0]!,
    };
    const phases: Phase[] = [];
    for (const role of ROLES) {
      const baselineFrom = process.hrtime.bigint();
      ctx.log(`${role}: ${baselineMs / 1000} s of ordinary work, then ${floodMs / 1000} s of flood`);
      await sleep(baselineMs);
      const params: FloodParams = {
        url: server.url,
        role,
        credential: hostileCredential[role],
        target: { counterId: HOSTILE_COUNTER, serviceId: BENCH_SERVICE, pauseReasonId: 'break' },
        ratePerSecond: FLOOD_RATE,
        durationMs: floodMs,
        reconnectEveryMs: RECONNECT_EVERY_MS,
      };
      const flood = await hostile.call<FloodReport>('flood', params, floodMs + 60_000);
      const probe = await branch.call<Omit<Phase['probe'], 'callReceivedAt'>>('probe', { url: server.url, serviceId: BENCH_SERVICE });
      const received = probe.call.ticketId ? await displays.call<Record<string, string | null>>('receipts', { ticketIds: [probe.call.ticketId], timeoutMs: 15_000 }) : {};
      phases.push({ role, baselineFrom, flood, probe: { ...probe, callReceivedAt: probe.call.ticketId ? (received[probe.call.ticketId] ?? null) : null }, settledAt: 0n });
      await sleep(SETTLE_MS);
      phases.at(-1)!.settledAt = process.hrtime.bigint();
    }
    const work = await branch.call<BranchWork>('stopBranchWork');
    sampling = false;
    await sampler;
    const receipts = await displays.call<Record<string, string | null>>('receipts', { ticketIds: work.calls.map((c) => c.ticketId), timeoutMs: 30_000 });
    return { phases, work, receipts, rss };
  } finally {
    sampling = false;
    await displays.call('close').catch(() => undefined);
    await branch.call('close').catch(() => undefined);
    await server.stop();
  }
}

export const hostileClientBenchmark: Benchmark = {
  id: 'hostile-client',
  title: '8. One hostile client',
  async run(ctx): Promise<Figure[]> {
    const baselineMs = bySize(ctx, { full: 10_000, quick: 3000, tiny: 1000 });
    const floodMs = bySize(ctx, { full: 10_000, quick: 3000, tiny: 1000 });
    const { phases, work, receipts, rss } = await runFloods(ctx, baselineMs, floodMs);
    if (work.failedCalls > 0) ctx.log(`${work.failedCalls} bystander calls found nobody to call or failed`);
    const failedIssues = work.issues.filter((s) => !s.ok).length;
    if (failedIssues > 0) throw new Error(`${failedIssues} bystander issues failed (refused or timed out)`);
    const callLatency = (from: bigint, to: bigint) =>
      work.calls
        .filter((c) => within(c.emitAt, from, to))
        .map((c) => {
          const at = receipts[c.ticketId];
          if (!at) throw new Error(`the call of ${c.ticketId} did not reach all ${DISPLAYS} displays`);
          return elapsedMs(BigInt(c.emitAt), BigInt(at));
        });
    const issueLatency = (from: bigint, to: bigint) => work.issues.filter((s) => within(s.emitAt, from, to)).map(latency);
    const healthLatency = (from: bigint, to: bigint) => work.health.filter((s) => within(s.emitAt, from, to)).map((s) => (s.ok ? latency(s) : Infinity));

    const figures: Figure[] = [];
    for (const phase of phases) {
      const { role, flood, probe } = phase;
      const floodFrom = BigInt(flood.startAt);
      const floodTo = BigInt(flood.endAt);
      const common = { section: this.title, unit: 'ms', floorLabel: 'same branch, the seconds before the flood', target: `p99 ≤ ${TARGETS.ratio}× without the flood`, judge: ratioAtMost(TARGETS.ratio) };
      figures.push(
        againstFloor({
          ...common,
          name: `${role} floods: bystanders' ticket issue`,
          measured: summaryOf('issues during the flood', issueLatency(floodFrom, floodTo)),
          floor: summaryOf('issues before the flood', issueLatency(phase.baselineFrom, floodFrom)),
          note: floodNote(flood),
        }),
        againstFloor({
          ...common,
          name: `${role} floods: call → last of ${DISPLAYS} displays`,
          measured: summaryOf('calls during the flood', callLatency(floodFrom, floodTo)),
          floor: summaryOf('calls before the flood', callLatency(phase.baselineFrom, floodFrom)),
        }),
      );

      const beforeSamples = rss.filter((r) => r.at >= phase.baselineFrom && r.at < floodFrom);
      const before = summaryOf('RSS before the flood', beforeSamples.map((r) => r.mb));
      const duringSamples = rss.filter((r) => r.at >= floodFrom && r.at < phase.settledAt);
      const during = duringSamples.map((r) => r.mb);
      const growth = Math.max(...during) - before.median;
      // The server's own CPU use: what the flood cost it, apart from what the busy machine did to latencies.
      const cpuShare = (samples: typeof rss) =>
        samples.length < 2 ? NaN : (samples.at(-1)!.cpu - samples[0]!.cpu) / (elapsedMs(samples[0]!.at, samples.at(-1)!.at) / 1000);
      const floodOnly = duringSamples.filter((r) => r.at < floodTo);
      figures.push({
        section: this.title,
        name: `${role} floods: server RSS growth (highest during and after the flood − median before)`,
        unit: 'MB',
        samples: during.length,
        median: growth,
        p99: null,
        floor: { label: 'RSS before the flood (median)', median: before.median, p99: null },
        ratio: null,
        ratioOf: '–',
        target: `≤ ${TARGETS.rssGrowthMb} MB`,
        met: growth <= TARGETS.rssGrowthMb,
        note: `highest ${Math.max(...during).toFixed(0)} MB; server CPU ${(cpuShare(beforeSamples) * 100).toFixed(0)} % of a core before, ${(cpuShare(floodOnly) * 100).toFixed(0)} % during the flood`,
      });

      const health = summaryOf('health answers during the flood', healthLatency(floodFrom, phase.settledAt));
      figures.push(
        againstFloor({
          section: this.title,
          name: `${role} floods: /api/health during and after the flood`,
          unit: 'ms',
          measured: health,
          floor: summaryOf('health answers before the flood', healthLatency(phase.baselineFrom, floodFrom)),
          floorLabel: 'same branch, the seconds before the flood',
          target: `every answer < ${TARGETS.healthMs} ms`,
          judge: (_r, m) => m.max < TARGETS.healthMs,
          note: `slowest ${Number.isFinite(health.max) ? `${health.max.toFixed(1)} ms` : 'failed'}`,
        }),
      );

      const issuedBack = BigInt(probe.issued.doneAt);
      const healthBack = BigInt(probe.health.doneAt);
      if (!probe.call.ticketId || !probe.callReceivedAt) throw new Error(`the probe call after the ${role} flood failed: ${probe.call.error ?? 'not received by every display'}`);
      const callBack = BigInt(probe.callReceivedAt);
      const back = [issuedBack, healthBack, callBack].reduce((a, b) => (a > b ? a : b));
      const recovery = elapsedMs(floodTo, back);
      figures.push({
        section: this.title,
        name: `${role} floods: back to normal (flood's end → a new issue, call → displays and health check all answered)`,
        unit: 'ms',
        samples: 1,
        median: recovery,
        p99: null,
        floor: null,
        ratio: null,
        ratioOf: '–',
        target: `≤ ${TARGETS.recoveryMs} ms`,
        met: recovery <= TARGETS.recoveryMs && probe.issued.ok && probe.health.ok,
        note: `issue ${latency(probe.issued).toFixed(1)} ms, call → displays ${elapsedMs(BigInt(probe.call.emitAt), callBack).toFixed(1)} ms, health ${latency(probe.health).toFixed(1)} ms`,
      });
    }
    return figures;
  },
};
