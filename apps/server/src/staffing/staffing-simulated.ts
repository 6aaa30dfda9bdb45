import {
  addDays,
  businessDayOf,
  businessDayStart,
  coverNeeds,
  parseClockTime,
  serviceLevelOf,
  serviceLevelWithServers,
  simulate,
  smallestStaffing,
  DEFAULT_SEARCH_OPTIONS,
  type BranchConfig,
  type CellForecast,
  type CounterConfig,
  type ServiceForecast,
  type ServiceLevelCount,
  type ServiceTime,
  type SimulationPeriod,
  type StaffingDay,
  type StaffingWhatIf,
  type StaffingWhatIfQuery,
} from '@rinda/shared';
import type { ReportServiceDeps } from '../reports/report-service';
import { dayCells, forecastFrom, hourNeeds, servingCounters } from './staffing-advice';
import { counterHours, hourStartsAt } from './staffing-history';

/** Independent runs of a day a what-if adds up (different seeds): one day's traffic is a small sample. */
const WHAT_IF_RUNS = 3;
const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** A seed from the day and hour: the same question gets the same answer. */
function seedOf(day: string, hour: number): number {
  let h = hour * 2654435761;
  for (const ch of day) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Each hour's smallest staffing for one day, found by simulation (staffing-search in shared). */
export async function staffingDay(deps: ReportServiceDeps, day: string): Promise<StaffingDay> {
  const config = deps.config();
  const forecast = await forecastFrom(deps, day, 'simulation');
  const cells = dayCells(forecast, day);
  const dayStartsAt = businessDayStart(day, config.branch.timeZone, parseClockTime(config.branch.dayStart));
  const hours: StaffingDay['hours'] = [];
  for (const hour of hoursOf(cells)) {
    const needs = hourNeeds(config, forecast, cells, hour);
    const found = smallestStaffing(
      config,
      {
        arrivalsPerHour: needs.arrivalsPerHour,
        serviceTimes: serviceTimesAt(cells, hour),
        abandonPerSec: abandonRates(forecast),
        needs: Object.fromEntries(Object.entries(needs.erlangA).map(([id, n]) => [id, n ?? config.counters.length])),
      },
      { ...DEFAULT_SEARCH_OPTIONS, dayStartsAt, seed: seedOf(day, hour) },
    );
    hours.push({
      hour, counters: found.counterIds.length, counterIds: found.counterIds, meetsGoals: found.meetsGoals,
      serviceLevels: Object.fromEntries(Object.entries(found.serviceLevels).map(([id, x]) => [id, percent(x)])),
    });
  }
  return { day, hours };
}

/**
 * "What if `extra` more counters served the service from fromHour to toHour?": the day simulated as staffed and
 * with the change (the same seeds), and Erlang A hour by hour beside it.
 */
export async function staffingWhatIf(deps: ReportServiceDeps, q: StaffingWhatIfQuery): Promise<StaffingWhatIf> {
  const config = deps.config();
  const forecast = await forecastFrom(deps, q.day, 'simulation');
  const cells = dayCells(forecast, q.day);
  const hours = hoursOf(cells);
  const { plan, baseline } = await baselinePlan(deps, config, forecast, cells, q.day, hours);
  const extraCounters: CounterConfig[] = Array.from({ length: Math.max(0, q.extra) }, (_, i) => ({
    id: `what-if-${i + 1}`, name: `What-if ${i + 1}`, number: 990 + i, serviceIds: [q.serviceId],
  }));
  const changed = new Map(
    [...plan].map(([hour, ids]) => {
      if (hour < q.fromHour || hour >= q.toHour) return [hour, ids];
      if (q.extra > 0) return [hour, [...ids, ...extraCounters.map((c) => c.id)]];
      // Fewer: close the counters serving the service that serve the fewest other services.
      const closing = ids
        .map((id) => config.counters.find((c) => c.id === id)!)
        .filter((c) => c.serviceIds.includes(q.serviceId))
        .sort((a, b) => a.serviceIds.length - b.serviceIds.length)
        .slice(0, -q.extra)
        .map((c) => c.id);
      return [hour, ids.filter((id) => !closing.includes(id))];
    }),
  );
  const periodsOf = (p: Map<number, string[]>): SimulationPeriod[] =>
    hours.map((hour) => ({
      from: hourStartsAt(config, q.day, hour),
      to: hourStartsAt(config, q.day, hour) + 3_600_000,
      arrivalsPerHour: Object.fromEntries([...cells].map(([id, h]) => [id, h.get(hour)?.arrivals ?? 0])),
      openCounters: p.get(hour) ?? [],
    }));
  const run = (p: Map<number, string[]>) => sumRuns(config, periodsOf(p), cells, forecast, extraCounters, q.day);
  const before = run(plan);
  const after = run(changed);

  const erlangDay = (p: Map<number, string[]>, serviceId: string, extra: CounterConfig[]) => {
    let within = 0;
    let arrivals = 0;
    const service = config.services.find((s) => s.id === serviceId)!;
    const withExtra = { ...config, counters: [...config.counters, ...extra] };
    for (const hour of hours) {
      const cell = cells.get(serviceId)?.get(hour);
      if (!cell) continue;
      const needs = hourNeeds(config, forecast, cells, hour);
      const have = servingCounters(withExtra, new Map((p.get(hour) ?? []).map((id) => [id, 1])), needs.loads)[serviceId] ?? 0;
      const level = serviceLevelWithServers(
        { arrivalsPerSec: cell.arrivals / 3600, meanServiceSec: cell.serviceTime.meanSec, targetSec: service.targetWaitMin * 60, abandonPerSec: forecast.get(serviceId)?.abandonPerSec ?? 0 },
        have,
      );
      within += cell.arrivals * level;
      arrivals += cell.arrivals;
    }
    return arrivals > 0 ? within / arrivals : null;
  };

  return {
    day: q.day, fromHour: q.fromHour, toHour: q.toHour, serviceId: q.serviceId, extra: q.extra, baseline,
    services: config.services
      .filter((s) => cells.get(s.id)?.size)
      .map((s) => ({
        serviceId: s.id, goalPercent: s.goalPercent,
        baselinePercent: percent(serviceLevelOf(before.services[s.id])), withChangePercent: percent(serviceLevelOf(after.services[s.id])),
        erlangBaselinePercent: percent(erlangDay(plan, s.id, [])), erlangWithChangePercent: percent(erlangDay(changed, s.id, extraCounters)),
      })),
    hours: hours.flatMap((hour, i) =>
      config.services
        .filter((s) => cells.get(s.id)?.has(hour))
        .map((s) => ({ hour, serviceId: s.id, baselinePercent: percent(serviceLevelOf(before.periods[i]?.[s.id])), withChangePercent: percent(serviceLevelOf(after.periods[i]?.[s.id])) })),
    ),
  };
}

/**
 * The counters open each hour as staffed: what was signed in that day for a day already lived; for today and
 * later, the same weekday a week before; with no record at all, the recommendation (each Erlang need covered).
 */
async function baselinePlan(deps: ReportServiceDeps, config: BranchConfig, forecast: Map<string, ServiceForecast>, cells: Map<string, Map<number, CellForecast>>, day: string, hours: number[]) {
  const today = businessDayOf(deps.now(), config.branch.timeZone, config.branch.dayStart);
  const source = day < today ? day : addDays(day, -7);
  const available = source < today ? (await counterHours(deps, source, source)).get(source) : undefined;
  const plan = new Map<number, string[]>();
  if (available && available.size > 0) {
    for (const hour of hours) {
      const counters = [...(available.get(hour) ?? [])].sort((a, b) => b[1] - a[1]);
      const count = Math.round(counters.reduce((n, [, share]) => n + share, 0));
      plan.set(hour, counters.slice(0, count).map(([id]) => id));
    }
    return { plan, baseline: day < today ? ('actual' as const) : ('week-before' as const) };
  }
  for (const hour of hours) {
    const needs = hourNeeds(config, forecast, cells, hour);
    plan.set(hour, coverNeeds(config.counters, new Set(Object.keys(needs.loads)), Object.fromEntries(Object.entries(needs.erlangA).map(([id, n]) => [id, n ?? 0]))));
  }
  return { plan, baseline: 'recommended' as const };
}

function sumRuns(config: BranchConfig, periods: SimulationPeriod[], cells: Map<string, Map<number, CellForecast>>, forecast: Map<string, ServiceForecast>, extraCounters: CounterConfig[], day: string) {
  const total = { services: {} as Record<string, ServiceLevelCount>, periods: periods.map(() => ({}) as Record<string, ServiceLevelCount>) };
  if (periods.length === 0) return total;
  const add = (into: Record<string, ServiceLevelCount>, from: Record<string, ServiceLevelCount>) => {
    for (const [id, c] of Object.entries(from)) {
      const t = (into[id] ??= { within: 0, counted: 0, arrived: 0, noShows: 0 });
      t.within += c.within;
      t.counted += c.counted;
      t.arrived += c.arrived;
      t.noShows += c.noShows;
    }
  };
  for (let run = 0; run < WHAT_IF_RUNS; run++) {
    const result = simulate({
      config, periods, serviceTimes: dayServiceTimes(cells), abandonPerSec: abandonRates(forecast), extraCounters,
      measureFrom: periods[0]!.from, measureTo: periods[periods.length - 1]!.to, seed: seedOf(day, 100 + run),
    });
    add(total.services, result.services);
    result.periods.forEach((p, i) => add(total.periods[i]!, p));
  }
  return total;
}

function hoursOf(cells: Map<string, Map<number, CellForecast>>): number[] {
  return [...new Set([...cells.values()].flatMap((h) => [...h.keys()]))].sort((a, b) => a - b);
}

function abandonRates(forecast: Map<string, ServiceForecast>): Record<string, number> {
  return Object.fromEntries([...forecast].map(([id, f]) => [id, f.abandonPerSec]));
}

function serviceTimesAt(cells: Map<string, Map<number, CellForecast>>, hour: number): Record<string, ServiceTime> {
  const out: Record<string, ServiceTime> = {};
  for (const [id, h] of cells) {
    const cell = h.get(hour);
    if (cell) out[id] = cell.serviceTime;
  }
  return out;
}

/** A service's service time for a whole-day run: its busiest hour's (each cell is already pooled over weeks). */
function dayServiceTimes(cells: Map<string, Map<number, CellForecast>>): Record<string, ServiceTime> {
  const out: Record<string, ServiceTime> = {};
  for (const [id, hours] of cells) {
    let busiest: CellForecast | undefined;
    for (const cell of hours.values()) if (!busiest || cell.arrivals > busiest.arrivals) busiest = cell;
    if (busiest) out[id] = busiest.serviceTime;
  }
  return out;
}
