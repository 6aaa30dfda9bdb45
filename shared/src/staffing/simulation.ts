import type { BranchConfig, CounterConfig } from '../config/branch-config';
import type { DomainEvent } from '../domain/events';
import { seededRandom } from '../random/seeded-random';
import { applyEvent } from '../rules/apply-event';
import { decide } from '../rules/decide';
import { createQueueState } from '../rules/queue-state';
import type { Command, QueueState } from '../rules/types';
import type { ServiceBucket, ServiceTime } from './forecast';
import { TimeQueue } from './time-queue';

/**
 * A seeded, in-process simulation of the branch: customers arrive at the forecast rates, counters open and
 * close by a plan, and every issue, call, no-show and finish goes through the real queue rules (`decide` and
 * `applyEvent`), so the call order, counters serving several services and the priority policy are exactly the
 * branch's. What it measures is the reports' service level: legs first called within the service's T, over
 * legs called plus legs that waited longer than T without a call.
 */

export interface SimulationPeriod {
  from: number;
  to: number;
  /** Expected arrivals per hour, per service (a Poisson stream each). */
  arrivalsPerHour: Readonly<Record<string, number>>;
  /** Counters signed in during the period (ids from the configuration or `extraCounters`). */
  openCounters: readonly string[];
}

export interface SimulationInput {
  config: BranchConfig;
  /** Consecutive periods on one business day. */
  periods: readonly SimulationPeriod[];
  serviceTimes: Readonly<Record<string, ServiceTime>>;
  /** Rate at which a waiting customer gives up, per second; one called after giving up is a no-show. */
  abandonPerSec: Readonly<Record<string, number>>;
  /** Draw service times from an exponential with the service's mean instead of its buckets (as Erlang assumes). */
  exponentialService?: boolean;
  /** Counters that exist only in this run (a what-if's extra counter). */
  extraCounters?: readonly CounterConfig[];
  /** Only legs that start in [measureFrom, measureTo) are counted; the run goes on until each could reach T. */
  measureFrom: number;
  measureTo: number;
  seed: number;
}

export interface ServiceLevelCount {
  /** Legs first called within T. */
  within: number;
  /** Legs called, plus legs never called that waited longer than T. */
  counted: number;
  arrived: number;
  noShows: number;
}

export interface SimulationResult {
  /** Per service, over the measured window. */
  services: Record<string, ServiceLevelCount>;
  /** Per period index (by the leg's start), per service. */
  periods: Record<string, ServiceLevelCount>[];
  /** Decisions run through the rules (issues, calls, finishes, no-shows, sign-ins and sign-outs). */
  commands: number;
}

/** How long a teller spends calling a customer who is not there before marking the no-show. */
export const NO_SHOW_HANDLING_SEC = 60;
/** Issued tickets past which a run stops adding arrivals (a hopelessly understaffed plan grows without end). */
const MAX_WAITING = 5_000;

type Happening = { at: number } & ({ kind: 'arrive'; serviceId: string } | { kind: 'done'; counterId: string; noShow: boolean } | { kind: 'period'; index: number });

export function simulate(input: SimulationInput): SimulationResult {
  const config: BranchConfig = input.extraCounters?.length ? { ...input.config, counters: [...input.config.counters, ...input.extraCounters] } : input.config;
  const random = seededRandom(input.seed);
  const targets = new Map(config.services.map((s) => [s.id, s.targetWaitMin * 60_000]));
  const countersById = new Map(config.counters.map((c) => [c.id, c]));
  const lastPeriod = input.periods[input.periods.length - 1];
  if (!lastPeriod) throw new RangeError('a simulation needs at least one period');
  const drainTo = input.measureTo + Math.max(...targets.values());
  const endAt = Math.max(lastPeriod.to, drainTo);

  let state: QueueState = createQueueState(config);
  let now = input.periods[0]!.from;
  let ids = 0;
  let commands = 0;
  const heap = new TimeQueue<Happening>();
  const push = (e: Happening) => heap.push(e);
  const run = (command: Command): DomainEvent[] | null => {
    commands++;
    // Nobody is told a wait here: the simulation measures waits, it does not promise them.
    const result = decide(state, command, { now, newId: () => `sim-${String(++ids).padStart(12, '0')}`, estimateWaits: false });
    if (!result.ok) return null;
    for (const e of result.data) state = applyEvent(state, e);
    return result.data;
  };
  const teller = (counterId: string) => `sim-teller-${counterId}`;

  // Per ticket: its service, leg start, call time, and the patience it arrived with.
  const tickets = new Map<string, { serviceId: string; startedAt: number; calledAt: number | null; givesUpAt: number }>();
  const open = new Set<string>();
  const closing = new Set<string>();
  /** Free open counters, the longest idle first: the one a new customer's call goes to. */
  const idle: string[] = [];
  let waitingCount = 0;
  /** Tickets issued and not yet called, per service: a counter with none of its services waiting does not ask. */
  const waitingIn = new Map<string, number>();
  let periodIndex = 0;

  const periodAt = (t: number) => {
    while (periodIndex + 1 < input.periods.length && input.periods[periodIndex]!.to <= t) periodIndex++;
    return input.periods[periodIndex]!;
  };
  const rateAt = (serviceId: string, t: number) => (t >= lastPeriod.to ? lastPeriod : periodAt(t)).arrivalsPerHour[serviceId] ?? 0;
  const scheduleArrival = (serviceId: string, from: number) => {
    // Memoryless: when the next arrival would fall past the period's end, draw again from there at the next rate.
    let t = from;
    for (let guard = 0; guard < 1000 && t < endAt; guard++) {
      const perHour = rateAt(serviceId, t);
      const periodEnd = t >= lastPeriod.to ? endAt : periodAt(t).to;
      if (perHour <= 0) {
        t = periodEnd;
        continue;
      }
      const next = t + (-Math.log(1 - random()) / perHour) * 3_600_000;
      if (next < periodEnd) return push({ at: next, kind: 'arrive', serviceId });
      t = periodEnd;
    }
  };
  const serviceMs = (serviceId: string) => {
    const st = input.serviceTimes[serviceId];
    const mean = st?.meanSec ?? 300;
    if (input.exponentialService || !st || st.buckets.length === 0) return -Math.log(1 - random()) * mean * 1000;
    return drawFromBuckets(st.buckets, random) * 1000;
  };

  const tryCall = (counterId: string): boolean => {
    if (!countersById.get(counterId)!.serviceIds.some((id) => (waitingIn.get(id) ?? 0) > 0)) return false;
    const events = run({ type: 'callNext', counterId, tellerId: teller(counterId) });
    const called = events?.find((e) => e.type === 'ticket.called');
    if (called?.type !== 'ticket.called') return false;
    const t = tickets.get(called.ticketId);
    if (t) {
      if (t.calledAt === null) {
        waitingCount--;
        waitingIn.set(t.serviceId, (waitingIn.get(t.serviceId) ?? 1) - 1);
      }
      t.calledAt ??= now;
    }
    const gone = t !== undefined && t.givesUpAt < now;
    push({ at: now + (gone ? NO_SHOW_HANDLING_SEC * 1000 : serviceMs(t?.serviceId ?? '')), kind: 'done', counterId, noShow: gone });
    return true;
  };
  const freeCounter = (counterId: string) => {
    if (closing.has(counterId)) {
      closing.delete(counterId);
      open.delete(counterId);
      run({ type: 'signOut', counterId, tellerId: teller(counterId) });
      return;
    }
    if (!tryCall(counterId)) idle.push(counterId);
  };
  const startPeriod = (index: number) => {
    const plan = new Set(input.periods[index]!.openCounters.filter((id) => countersById.has(id)));
    for (const counterId of [...open]) {
      if (plan.has(counterId)) {
        closing.delete(counterId);
        continue;
      }
      const at = idle.indexOf(counterId);
      if (at >= 0) {
        idle.splice(at, 1);
        open.delete(counterId);
        run({ type: 'signOut', counterId, tellerId: teller(counterId) });
      } else closing.add(counterId);
    }
    for (const counterId of plan) {
      if (open.has(counterId)) continue;
      open.add(counterId);
      run({ type: 'signIn', counterId, tellerId: teller(counterId) });
      freeCounter(counterId);
    }
  };

  input.periods.forEach((p, index) => push({ at: p.from, kind: 'period', index }));
  for (const s of config.services) scheduleArrival(s.id, now);

  for (let e = heap.pop(); e && e.at <= endAt; e = heap.pop()) {
    now = e.at;
    if (e.kind === 'period') startPeriod(e.index);
    else if (e.kind === 'arrive') {
      scheduleArrival(e.serviceId, now);
      if (waitingCount >= MAX_WAITING) continue;
      const issued = run({ type: 'issue', serviceId: e.serviceId, language: 'en', priorityReasonId: null })?.[0];
      if (issued?.type !== 'ticket.issued') continue;
      const abandon = input.abandonPerSec[e.serviceId] ?? 0;
      const patienceMs = abandon > 0 ? (-Math.log(1 - random()) / abandon) * 1000 : Infinity;
      tickets.set(issued.ticket.id, { serviceId: e.serviceId, startedAt: now, calledAt: null, givesUpAt: now + patienceMs });
      waitingCount++;
      waitingIn.set(e.serviceId, (waitingIn.get(e.serviceId) ?? 0) + 1);
      // The counter idle longest among those that serve this service calls next.
      const at = idle.findIndex((id) => countersById.get(id)!.serviceIds.includes(e.serviceId));
      if (at >= 0) {
        const [counterId] = idle.splice(at, 1);
        if (!tryCall(counterId!)) idle.splice(at, 0, counterId!);
      }
    } else {
      const counterId = e.counterId;
      run({ type: e.noShow ? 'noShow' : 'finish', counterId, tellerId: teller(counterId) });
      freeCounter(counterId);
    }
  }

  return measure(input, tickets, targets, Math.min(now, endAt), commands);
}

function measure(
  input: SimulationInput,
  tickets: Map<string, { serviceId: string; startedAt: number; calledAt: number | null; givesUpAt: number }>,
  targets: Map<string, number>,
  horizon: number,
  commands: number,
): SimulationResult {
  const empty = (): ServiceLevelCount => ({ within: 0, counted: 0, arrived: 0, noShows: 0 });
  const services: Record<string, ServiceLevelCount> = {};
  const periods = input.periods.map(() => ({}) as Record<string, ServiceLevelCount>);
  for (const t of tickets.values()) {
    if (t.startedAt < input.measureFrom || t.startedAt >= input.measureTo) continue;
    const target = targets.get(t.serviceId) ?? Infinity;
    const index = input.periods.findIndex((p) => t.startedAt >= p.from && t.startedAt < p.to);
    const counts = [(services[t.serviceId] ??= empty())];
    if (index >= 0) counts.push((periods[index]![t.serviceId] ??= empty()));
    for (const c of counts) {
      c.arrived++;
      if (t.calledAt !== null) {
        c.counted++;
        if (t.calledAt - t.startedAt <= target) c.within++;
        if (t.givesUpAt < t.calledAt) c.noShows++;
      } else if (horizon - t.startedAt > target) c.counted++;
    }
  }
  return { services, periods, commands };
}

/** A service time from buckets: a bucket by its share, then uniform within it. */
function drawFromBuckets(buckets: readonly ServiceBucket[], random: () => number): number {
  let total = 0;
  for (const [, , n] of buckets) total += n;
  let pick = random() * total;
  for (const [from, to, n] of buckets) {
    if (pick < n) return from + random() * (to - from);
    pick -= n;
  }
  return buckets[buckets.length - 1]?.[1] ?? 0;
}

/** Service level of a count, as a share; null when nothing counted. */
export function serviceLevelOf(c: ServiceLevelCount | undefined): number | null {
  return c && c.counted > 0 ? c.within / c.counted : null;
}
