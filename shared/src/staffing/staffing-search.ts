import type { BranchConfig, CounterConfig } from '../config/branch-config';
import type { ServiceTime } from './forecast';
import { serviceLevelOf, simulate } from './simulation';

/**
 * The smallest staffing for one hour when counters serve several services, found by simulation: one formula
 * per service cannot say how much of a shared counter each service gets (the call order decides it, ticket by
 * ticket). Starting from counters that cover each service's Erlang need, the search simulates the hour's
 * traffic held steady (the real queue rules, the same seed for every candidate, so two candidates differ by
 * their counters and not by their luck), adds a counter for the service furthest below its goal until every
 * goal is met, then takes counters away while every goal still is.
 */

export interface HourDemand {
  /** Expected arrivals in the hour, per service. */
  arrivalsPerHour: Readonly<Record<string, number>>;
  serviceTimes: Readonly<Record<string, ServiceTime>>;
  abandonPerSec: Readonly<Record<string, number>>;
  /** Counters each service needs on its own (Erlang), the starting point. */
  needs: Readonly<Record<string, number>>;
}

export interface StaffingSearchOptions {
  /** Start of a business day in the branch's zone, at its day start: the simulated clock runs from there. */
  dayStartsAt: number;
  seed: number;
  /** Simulate at least this many arrivals (measured) per candidate, and at most `maxHours` of steady traffic. */
  minArrivals: number;
  maxHours: number;
  /** Candidates simulated at most. */
  maxEvaluations: number;
}

export const DEFAULT_SEARCH_OPTIONS: Omit<StaffingSearchOptions, 'dayStartsAt'> = { seed: 1, minArrivals: 400, maxHours: 12, maxEvaluations: 10 };

export interface StaffingFound {
  counterIds: string[];
  /** Simulated service level per service with those counters, as a share. */
  serviceLevels: Record<string, number | null>;
  /** Every service with traffic reached its goal (false: even every counter could not). */
  meetsGoals: boolean;
  evaluations: number;
}

const HOUR = 3_600_000;
const WARM_UP_MS = 30 * 60_000;

export function smallestStaffing(config: BranchConfig, demand: HourDemand, options: StaffingSearchOptions): StaffingFound {
  const active = config.services.filter((s) => (demand.arrivalsPerHour[s.id] ?? 0) > 0);
  if (active.length === 0) return { counterIds: [], serviceLevels: {}, meetsGoals: true, evaluations: 0 };
  // The hour held steady for several hours: opening hours would end it, so the steady copy has none.
  const steady: BranchConfig = { ...config, services: config.services.map((s) => ({ ...s, openingHours: null })) };
  const totalPerHour = active.reduce((n, s) => n + (demand.arrivalsPerHour[s.id] ?? 0), 0);
  const measuredMs = Math.min(options.maxHours * HOUR, Math.max(HOUR, (options.minArrivals / totalPerHour) * HOUR));
  const from = options.dayStartsAt + 30 * 60_000;
  const goals = new Map(active.map((s) => [s.id, s.goalPercent / 100]));
  let evaluations = 0;

  const evaluate = (counterIds: string[]) => {
    evaluations++;
    const result = simulate({
      config: steady,
      periods: [{ from, to: from + WARM_UP_MS + measuredMs, arrivalsPerHour: demand.arrivalsPerHour, openCounters: counterIds }],
      serviceTimes: demand.serviceTimes,
      abandonPerSec: demand.abandonPerSec,
      measureFrom: from + WARM_UP_MS,
      measureTo: from + WARM_UP_MS + measuredMs,
      seed: options.seed,
    });
    const levels = Object.fromEntries(active.map((s) => [s.id, serviceLevelOf(result.services[s.id])]));
    const gaps = active.map((s) => ({ serviceId: s.id, gap: goals.get(s.id)! - (levels[s.id] ?? 1) }));
    return { counterIds, levels, meets: gaps.every((g) => g.gap <= 0), worst: gaps.sort((a, b) => b.gap - a.gap)[0]! };
  };

  const activeIds = new Set(active.map((s) => s.id));
  let best = evaluate(coverNeeds(config.counters, activeIds, demand.needs));
  // Too few: add a counter for the service furthest below its goal, one that serves as few others as possible.
  while (!best.meets && evaluations < options.maxEvaluations) {
    const next = addableFor(config.counters, best.counterIds, best.worst.serviceId, activeIds);
    if (!next) break;
    best = evaluate([...best.counterIds, next.id]);
  }
  // Enough: take counters away, the last added first, while every goal is still met.
  if (best.meets) {
    for (const counterId of [...best.counterIds].reverse()) {
      if (evaluations >= options.maxEvaluations) break;
      const fewer = evaluate(best.counterIds.filter((id) => id !== counterId));
      if (fewer.meets) best = fewer;
    }
  }
  return { counterIds: best.counterIds, serviceLevels: best.levels, meetsGoals: best.meets, evaluations };
}

/** Busy services a counter serves: a shared counter's time is split between them. */
function busyServices(counter: CounterConfig, active: ReadonlySet<string>): string[] {
  return counter.serviceIds.filter((id) => active.has(id));
}

/**
 * Counters that cover each service's Erlang need, the neediest service first, counting a shared counter as a
 * share for each busy service it serves, and taking counters dedicated to the service before shared ones.
 */
export function coverNeeds(counters: readonly CounterConfig[], active: ReadonlySet<string>, needs: Readonly<Record<string, number>>): string[] {
  const chosen: CounterConfig[] = [];
  const byNeed = [...active].sort((a, b) => (needs[b] ?? 0) - (needs[a] ?? 0));
  for (const serviceId of byNeed) {
    const share = (c: CounterConfig) => (c.serviceIds.includes(serviceId) ? 1 / Math.max(1, busyServices(c, active).length) : 0);
    let have = chosen.reduce((n, c) => n + share(c), 0);
    const candidates = counters
      .filter((c) => !chosen.includes(c) && c.serviceIds.includes(serviceId))
      .sort((a, b) => busyServices(a, active).length - busyServices(b, active).length);
    for (const c of candidates) {
      if (have >= (needs[serviceId] ?? 0) - 1e-9) break;
      chosen.push(c);
      have += share(c);
    }
  }
  return chosen.map((c) => c.id);
}

function addableFor(counters: readonly CounterConfig[], open: readonly string[], serviceId: string, active: ReadonlySet<string>): CounterConfig | undefined {
  const closed = counters.filter((c) => !open.includes(c.id));
  const serving = closed.filter((c) => c.serviceIds.includes(serviceId)).sort((a, b) => busyServices(a, active).length - busyServices(b, active).length);
  // No closed counter serves it: any closed counter that serves a busy service relieves the shared ones.
  return serving[0] ?? closed.find((c) => busyServices(c, active).length > 0);
}
