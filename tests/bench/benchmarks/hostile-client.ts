/**
 * Figure 8: one hostile client. A branch at its ordinary work (8 kiosks issuing over 8 services, 16 tellers
 * calling and finishing as fast as the kiosks issue, 50 displays receiving the calls, /api/health asked every
 * 100 ms) while, in turn, one socket of each role floods every event its role may send, round robin, at
 * 2,500 a second for 10 s, and reconnects whenever it is cut off: all five roles in one run of one server,
 * with its default limits. Each flood is compared with the same branch in the seconds just before it, in the
 * same run: the bystanders' issue and call → display p99, the server's RSS, the slowest health answer, and
 * how soon after the flood an issue, a call and a health check are answered again. Each role floods in
 * several rounds (a fresh credential each) and every target is judged on the median round: a flood that
 * slows the branch does so in every round, while a stall of the machine (another process's fsync or CPU)
 * lands in one round, before or during a flood.
 */
import type { Role } from '@rinda/shared';
import { BENCH_SERVICE, benchServiceIds, manyServicesConfig } from '../branch-configs';
import { sleep, startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import type { BranchWork, WorkSample } from '../client-worker';
import { againstFloor, ratioAtMost } from '../figures';
import type { FloodParams, FloodReport } from '../hostile-worker';
import { elapsedMs, median, ratio, summarize, type Summary } from '../stats';
import { DISPLAYS } from './call-display';
import { rssMb } from './memory';
import { processCpu } from '../process-cpu';

/** CPU seconds the process has used (user + system). */
function cpuSeconds(pid: number): number {
  const { user, system } = processCpu(pid);
  return user + system;
}

/** The roles the benchmark enrols clients of; a rating screen's flood is tested in tests/security/backpressure.test.ts. */
type BenchRole = Exclude<Role, 'rating'>;
const ROLES: BenchRole[] = ['teller', 'kiosk', 'display', 'manager', 'public'];

/**
 * `HOSTILE_ROLES=teller,kiosk`: flood only these roles, in this order (to iterate on one role's flood);
 * unset, every role in turn. An unknown role stops the run.
 */
function floodedRoles(raw: string | undefined): BenchRole[] {
  if (raw === undefined || raw.trim() === '') return ROLES;
  const roles = raw.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !ROLES.includes(r as BenchRole));
  if (unknown.length > 0) throw new Error(`HOSTILE_ROLES: unknown role ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return roles as BenchRole[];
}

const KIOSKS = 8;
const ISSUE_EVERY_MS = 250;
/**
 * The services the bystander kiosks issue in turn. All five roles' floods in one run take about 6 minutes, in
 * which 8 kiosks issue some 11,000 tickets; one service may issue at most 5,000 walk-in tickets a day
 * (APPOINTMENT_NUMBER_BASE; past it SERVICE_CLOSED), so they are spread over 8 services, about 1,400 each.
 */
const SERVICES = 8;
/**
 * 16 tellers calling every 500 ms call 32 tickets a second, as many as the kiosks issue (8 every 250 ms): the
 * waiting queue stays at what the prefill left through the whole run instead of growing with it (a growing
 * queue makes every snapshot, and so the manager's and display's floods, dearer round by round). Each teller
 * sends 4 commands a second (call, finish), within its budget of 5.
 */
const TELLERS = 16;
const CALL_EVERY_MS = 500;
/** The hostile teller's and manager's counter: no bystander works there. */
const HOSTILE_COUNTER = `c${TELLERS + 2}`;
const FLOOD_RATE = 2500;
const RECONNECT_EVERY_MS = 100;
const HEALTH_EVERY_MS = 100;
const RSS_EVERY_MS = 100;
/** After a flood and its probe, before the next round's seconds without a flood. */
const SETTLE_MS = 2000;
const TARGETS = { ratio: 2, rssGrowthMb: 50, healthMs: 250, recoveryMs: 1000 };

interface Phase {
  role: BenchRole;
  baselineFrom: bigint;
  flood: FloodReport;
  probe: { issued: WorkSample; call: { emitAt: string; ticketId: string | null; error: string | null }; health: WorkSample; callReceivedAt: string | null };
  settledAt: bigint;
}

const within = (at: string, from: bigint, to: bigint) => BigInt(at) >= from && BigInt(at) < to;
const latency = (s: { emitAt: string; doneAt: string }) => elapsedMs(BigInt(s.emitAt), BigInt(s.doneAt));

/**
 * A bystander's refused issue (SERVICE_CLOSED past a day's numbers, a timed-out ack, anything not OK) stops the
 * run: a ticket the branch would not give is no latency to measure, and leaving it out would flatter the figure.
 */
function failOnRefusedIssues(reasons: string[], when: string): void {
  if (reasons.length === 0) return;
  const byReason = new Map<string, number>();
  for (const r of reasons) byReason.set(r, (byReason.get(r) ?? 0) + 1);
  const listed = [...byReason].map(([reason, n]) => `${n}× ${reason}`).join('; ');
  throw new Error(`${reasons.length} bystander ticket issue(s) refused ${when}: ${listed}`);
}

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

async function runFloods(ctx: BenchContext, roles: BenchRole[], rounds: number, baselineMs: number, floodMs: number) {
  const server = await startBenchServer(ctx, { kind: 'rinda', config: manyServicesConfig(TELLERS + 2, SERVICES), defaultLimits: true });
  const displays = ctx.worker('./client-worker.ts', 'displays');
  const branch = ctx.worker('./client-worker.ts', 'branch');
  const hostile = ctx.worker('./hostile-worker.ts', 'hostile');
  const rss: { at: bigint; mb: number; cpu: number }[] = [];
  let sampling = true;
  try {
    // More of each role than the branch uses: the hostile client's own credentials, a fresh one each round.
    const creds = await server.credentials({ kiosks: KIOSKS + 1 + rounds, tellers: TELLERS + 1 + rounds, displays: DISPLAYS + rounds, managers: rounds });
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
      serviceIds: benchServiceIds(SERVICES),
      issueEveryMs: ISSUE_EVERY_MS,
      callEveryMs: CALL_EVERY_MS,
      healthEveryMs: HEALTH_EVERY_MS,
      spareKiosks: 1,
      spareTellers: 1,
    });
    const hostileCredential = (role: BenchRole, round: number): string =>
      ({
        teller: creds.tellers[TELLERS + 1 + round]!,
        kiosk: creds.kiosks[KIOSKS + 1 + round]!,
        display: creds.displays[DISPLAYS + round]!,
        manager: creds.managers[round]!,
        public: tickets[round]!,
      })[role];
    const phases: Phase[] = [];
    for (const role of roles) {
      for (let round = 0; round < rounds; round++) {
        const baselineFrom = process.hrtime.bigint();
        ctx.log(`${role}, round ${round + 1} of ${rounds}: ${baselineMs / 1000} s of ordinary work, then ${floodMs / 1000} s of flood`);
        await sleep(baselineMs);
        const params: FloodParams = {
          url: server.url,
          role,
          credential: hostileCredential(role, round),
          target: { counterId: HOSTILE_COUNTER, serviceId: BENCH_SERVICE, pauseReasonId: 'break' },
          ratePerSecond: FLOOD_RATE,
          durationMs: floodMs,
          reconnectEveryMs: RECONNECT_EVERY_MS,
        };
        const flood = await hostile.call<FloodReport>('flood', params, floodMs + 60_000);
        const probe = await branch.call<Omit<Phase['probe'], 'callReceivedAt'>>('probe', { url: server.url, serviceId: BENCH_SERVICE });
        failOnRefusedIssues(probe.issued.ok ? [] : [probe.issued.error ?? 'refused'], `by the probe after the ${role} flood, round ${round + 1}`);
        failOnRefusedIssues(await branch.call<string[]>('refusedIssues'), `by the ordinary work, by the ${role} flood's round ${round + 1}`);
        const received = probe.call.ticketId ? await displays.call<Record<string, string | null>>('receipts', { ticketIds: [probe.call.ticketId], timeoutMs: 15_000 }) : {};
        phases.push({ role, baselineFrom, flood, probe: { ...probe, callReceivedAt: probe.call.ticketId ? (received[probe.call.ticketId] ?? null) : null }, settledAt: 0n });
        await sleep(SETTLE_MS);
        phases.at(-1)!.settledAt = process.hrtime.bigint();
      }
    }
    const work = await branch.call<BranchWork>('stopBranchWork');
    sampling = false;
    await sampler;
    failOnRefusedIssues(work.issues.flatMap((s) => (s.ok ? [] : [s.error ?? 'refused'])), 'by the ordinary work');
    // Bystanders' tickets only (the hostile kiosk's and the probes' aside): the queue the tellers kept up with.
    const issued = tickets.length + work.issues.length;
    ctx.log(`bystanders issued ${issued} tickets (${tickets.length} before the work) and called ${work.calls.length}: about ${issued - work.calls.length} left waiting`);
    const receipts = await displays.call<Record<string, string | null>>('receipts', { ticketIds: work.calls.map((c) => c.ticketId), timeoutMs: 30_000 });
    return { phases, work, receipts, rss };
  } finally {
    sampling = false;
    await displays.call('close').catch(() => undefined);
    await branch.call('close').catch(() => undefined);
    await server.stop();
  }
}

/** One round's measurements: each latency during the flood and in the seconds before it, RSS, CPU, recovery. */
interface Round {
  issue: { during: number[]; before: number[] };
  call: { during: number[]; before: number[] };
  health: { during: number[]; before: number[] };
  rssBeforeMb: number;
  rssHighestMb: number;
  cpuBefore: number;
  cpuDuring: number;
  recoveryMs: number;
  recovered: boolean;
  probeNote: string;
  flood: FloodReport;
}

const p99Ratio = (x: { during: number[]; before: number[] }, what: string) => ratio(summaryOf(`${what} during the flood`, x.during).p99, summaryOf(`${what} before the flood`, x.before).p99);
/** The rounds' values in order, for a note. */
const listed = (values: (number | null)[], digits: number, unit = '') => values.map((v) => (v === null ? '–' : `${v.toFixed(digits)}${unit}`)).join(', ');

export const hostileClientBenchmark: Benchmark = {
  id: 'hostile-client',
  title: '8. One hostile client',
  async run(ctx): Promise<Figure[]> {
    const baselineMs = bySize(ctx, { full: 10_000, quick: 3000, tiny: 1000 });
    const floodMs = bySize(ctx, { full: 10_000, quick: 3000, tiny: 1000 });
    const rounds = bySize(ctx, { full: 3, quick: 3, tiny: 1 });
    const roles = floodedRoles(process.env.HOSTILE_ROLES);
    const { phases, work, receipts, rss } = await runFloods(ctx, roles, rounds, baselineMs, floodMs);
    if (work.failedCalls > 0) ctx.log(`${work.failedCalls} bystander calls found nobody to call or failed`);
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
    // The server's own CPU use: what the flood cost it, apart from what the busy machine did to latencies.
    const cpuShare = (samples: typeof rss) =>
      samples.length < 2 ? NaN : (samples.at(-1)!.cpu - samples[0]!.cpu) / (elapsedMs(samples[0]!.at, samples.at(-1)!.at) / 1000);

    const measureRound = (phase: Phase): Round => {
      const { flood, probe } = phase;
      const floodFrom = BigInt(flood.startAt);
      const floodTo = BigInt(flood.endAt);
      const beforeSamples = rss.filter((r) => r.at >= phase.baselineFrom && r.at < floodFrom);
      const duringSamples = rss.filter((r) => r.at >= floodFrom && r.at < phase.settledAt);
      if (!probe.call.ticketId || !probe.callReceivedAt) throw new Error(`the probe call after the ${phase.role} flood failed: ${probe.call.error ?? 'not received by every display'}`);
      const callBack = BigInt(probe.callReceivedAt);
      const back = [BigInt(probe.issued.doneAt), BigInt(probe.health.doneAt), callBack].reduce((a, b) => (a > b ? a : b));
      return {
        issue: { during: issueLatency(floodFrom, floodTo), before: issueLatency(phase.baselineFrom, floodFrom) },
        call: { during: callLatency(floodFrom, floodTo), before: callLatency(phase.baselineFrom, floodFrom) },
        health: { during: healthLatency(floodFrom, phase.settledAt), before: healthLatency(phase.baselineFrom, floodFrom) },
        rssBeforeMb: summaryOf('RSS before the flood', beforeSamples.map((r) => r.mb)).median,
        rssHighestMb: summaryOf('RSS during the flood', duringSamples.map((r) => r.mb)).max,
        cpuBefore: cpuShare(beforeSamples),
        cpuDuring: cpuShare(duringSamples.filter((r) => r.at < floodTo)),
        recoveryMs: elapsedMs(floodTo, back),
        recovered: probe.issued.ok && probe.health.ok,
        probeNote: `issue ${latency(probe.issued).toFixed(1)} ms, call → displays ${elapsedMs(BigInt(probe.call.emitAt), callBack).toFixed(1)} ms, health ${latency(probe.health).toFixed(1)} ms`,
        flood,
      };
    };

    const figures: Figure[] = [];
    for (const role of roles) {
      const measured = phases.filter((p) => p.role === role).map(measureRound);
      const judged = rounds > 1 ? `median of ${rounds} rounds` : 'one round';
      const section = this.title;
      const floorLabel = 'same branch, the seconds before the flood';
      /** A p99 ratio judged on the median round; the table shows the rounds pooled, the note each round. */
      const latencyFigure = (name: string, pick: (r: Round) => { during: number[]; before: number[] }, first: string): Figure => {
        const ratios = measured.map((r) => p99Ratio(pick(r), name));
        const pooled = againstFloor({
          section,
          name,
          unit: 'ms',
          measured: summaryOf(name, measured.flatMap((r) => pick(r).during)),
          floor: summaryOf(name, measured.flatMap((r) => pick(r).before)),
          floorLabel,
          target: `p99 ≤ ${TARGETS.ratio}× without the flood (${judged})`,
          judge: ratioAtMost(TARGETS.ratio),
        });
        const judgedRatio = ratios.some((r) => r === null) ? null : median(ratios as number[]);
        return {
          ...pooled,
          ratio: judgedRatio,
          ratioOf: `p99, ${judged}`,
          met: judgedRatio === null ? null : judgedRatio <= TARGETS.ratio,
          note: `${first}rounds: ${listed(ratios, 2, '×')}; all rounds pooled: ${pooled.ratio === null ? '–' : `${pooled.ratio.toFixed(2)}×`}`,
        };
      };
      figures.push(
        latencyFigure(`${role} floods: bystanders' ticket issue`, (r) => r.issue, `round 1: ${floodNote(measured[0]!.flood)}; `),
        latencyFigure(`${role} floods: call → last of ${DISPLAYS} displays`, (r) => r.call, ''),
      );

      const growth = measured.map((r) => r.rssHighestMb - r.rssBeforeMb);
      const judgedGrowth = median(growth);
      figures.push({
        section,
        name: `${role} floods: server RSS growth (highest during and after the flood − median before)`,
        unit: 'MB',
        samples: measured.length,
        median: judgedGrowth,
        p99: null,
        floor: { label: 'RSS before the flood (median)', median: median(measured.map((r) => r.rssBeforeMb)), p99: null },
        ratio: null,
        ratioOf: '–',
        target: `≤ ${TARGETS.rssGrowthMb} MB (${judged})`,
        met: judgedGrowth <= TARGETS.rssGrowthMb,
        note:
          `rounds: ${listed(growth, 1, ' MB')} (highest ${listed(measured.map((r) => r.rssHighestMb), 0, ' MB')}); ` +
          `server CPU ${listed(measured.map((r) => r.cpuBefore * 100), 0, ' %')} of a core before, ${listed(measured.map((r) => r.cpuDuring * 100), 0, ' %')} during the flood`,
      });

      const slowest = measured.map((r) => Math.max(...r.health.during));
      const judgedSlowest = median(slowest);
      const health = againstFloor({
        section,
        name: `${role} floods: /api/health during and after the flood`,
        unit: 'ms',
        measured: summaryOf('health answers during the flood', measured.flatMap((r) => r.health.during)),
        floor: summaryOf('health answers before the flood', measured.flatMap((r) => r.health.before)),
        floorLabel,
        target: `every answer < ${TARGETS.healthMs} ms (${judged})`,
        judge: () => judgedSlowest < TARGETS.healthMs,
      });
      figures.push({
        ...health,
        note: `slowest answer in each round: ${listed(slowest.map((s) => (Number.isFinite(s) ? s : null)), 1, ' ms')}; before the floods: ${listed(measured.map((r) => Math.max(...r.health.before)), 1, ' ms')}`,
      });

      const recovery = measured.map((r) => r.recoveryMs);
      const judgedRecovery = median(recovery);
      figures.push({
        section,
        name: `${role} floods: back to normal (flood's end → a new issue, call → displays and health check all answered)`,
        unit: 'ms',
        samples: measured.length,
        median: judgedRecovery,
        p99: null,
        floor: null,
        ratio: null,
        ratioOf: '–',
        target: `≤ ${TARGETS.recoveryMs} ms (${judged})`,
        met: judgedRecovery <= TARGETS.recoveryMs && measured.every((r) => r.recovered),
        note: `rounds: ${listed(recovery, 1, ' ms')}; round 1: ${measured[0]!.probeNote}`,
      });
    }
    return figures;
  },
};
