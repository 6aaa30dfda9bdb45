import {
  addDays,
  businessDayOf,
  coverNeeds,
  dateIsoWeekday,
  DEFAULT_FORECAST_OPTIONS,
  erlangA,
  erlangCServiceLevel,
  forecastWeek,
  serversForGoal,
  serviceLevelWithServers,
  cellKey,
  type BranchConfig,
  type CellForecast,
  type ServiceForecast,
  type StaffingCell,
  type StaffingInterval,
  type StaffingServiceSummary,
  type StaffingWeek,
} from '@rinda/shared';
import type { ReportServiceDeps } from '../reports/report-service';
import { counterHours, hourStartsAt, serviceHourHistory, type CounterHours } from './staffing-history';

/** Counters a service may be advised at most, per hour (a bound for the Erlang searches). */
const MAX_COUNTERS = 200;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The forecast for the seven days from `from`, from the weeks before it: for advice, back-tested on the weeks
 * before those; for a simulation, with each cell's service-time distribution; for live alerts, neither.
 */
export async function forecastFrom(deps: ReportServiceDeps, from: string, use: 'advice' | 'simulation' | 'live'): Promise<Map<string, ServiceForecast>> {
  const options = {
    ...DEFAULT_FORECAST_OPTIONS,
    backtestWeeks: use === 'advice' ? DEFAULT_FORECAST_OPTIONS.backtestWeeks : 0,
    buckets: use === 'simulation',
  };
  const history = await serviceHourHistory(deps, addDays(from, -7 * (options.weeks + options.backtestWeeks)), addDays(from, 6), options.buckets);
  return forecastWeek(history, from, options);
}

/** The cells (service, hour) forecast for one day. */
export function dayCells(forecast: Map<string, ServiceForecast>, day: string): Map<string, Map<number, CellForecast>> {
  const weekday = dateIsoWeekday(day);
  const out = new Map<string, Map<number, CellForecast>>();
  for (const [serviceId, f] of forecast) {
    const hours = new Map<number, CellForecast>();
    for (let hour = 0; hour < 24; hour++) {
      const cell = f.cells.get(cellKey(weekday, hour));
      if (cell && cell.arrivals > 0) hours.set(hour, cell);
    }
    out.set(serviceId, hours);
  }
  return out;
}

export interface HourNeeds {
  arrivalsPerHour: Record<string, number>;
  /** Offered load per service, erlangs. */
  loads: Record<string, number>;
  erlangC: Record<string, number | null>;
  erlangA: Record<string, number | null>;
}

/** Each service's Erlang needs in one hour of a day. */
export function hourNeeds(config: BranchConfig, forecast: Map<string, ServiceForecast>, cells: Map<string, Map<number, CellForecast>>, hour: number): HourNeeds {
  const out: HourNeeds = { arrivalsPerHour: {}, loads: {}, erlangC: {}, erlangA: {} };
  for (const service of config.services) {
    const cell = cells.get(service.id)?.get(hour);
    if (!cell) continue;
    const model = { arrivalsPerSec: cell.arrivals / 3600, meanServiceSec: cell.serviceTime.meanSec, targetSec: service.targetWaitMin * 60 };
    const abandonPerSec = forecast.get(service.id)?.abandonPerSec ?? 0;
    const goal = service.goalPercent / 100;
    // Never fewer counters than the work offered: Erlang A alone would let those who give up balance the books.
    const from = Math.floor(model.arrivalsPerSec * model.meanServiceSec) + 1;
    out.arrivalsPerHour[service.id] = cell.arrivals;
    out.loads[service.id] = model.arrivalsPerSec * model.meanServiceSec;
    out.erlangC[service.id] = serversForGoal((n) => erlangCServiceLevel({ ...model, servers: n }), goal, from, MAX_COUNTERS);
    out.erlangA[service.id] = serversForGoal((n) => erlangA({ ...model, servers: n, abandonPerSec }).serviceLevel, goal, from, MAX_COUNTERS);
  }
  return out;
}

/**
 * Counters each service had in an hour: a counter signed in and not paused for part of the hour counts for that
 * part, and one that serves several busy services is split between them by their forecast load.
 */
export function servingCounters(config: BranchConfig, available: ReadonlyMap<string, number> | undefined, loads: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [counterId, share] of available ?? []) {
    const counter = config.counters.find((c) => c.id === counterId);
    if (!counter) continue;
    const busy = counter.serviceIds.filter((id) => (loads[id] ?? 0) > 0);
    const total = busy.reduce((n, id) => n + loads[id]!, 0);
    for (const id of busy) out[id] = (out[id] ?? 0) + (share * loads[id]!) / total;
  }
  return out;
}

/** The week's advice: forecast and its error, each service's needs, the branch's recommendation, what was staffed. */
export async function staffingWeek(deps: ReportServiceDeps, from: string): Promise<StaffingWeek> {
  const config = deps.config();
  const now = deps.now();
  const to = addDays(from, 6);
  const today = businessDayOf(now, config.branch.timeZone, config.branch.dayStart);
  const forecast = await forecastFrom(deps, from, 'advice');
  const actual: CounterHours = from <= today ? await counterHours(deps, from, to < today ? to : today) : new Map();

  const cells: StaffingCell[] = [];
  const intervals: StaffingInterval[] = [];
  for (let i = 0; i < 7; i++) {
    const day = addDays(from, i);
    const byService = dayCells(forecast, day);
    const available = actual.get(day);
    const hours = new Set<number>([...available?.keys() ?? []]);
    for (const h of byService.values()) for (const hour of h.keys()) hours.add(hour);
    for (const hour of [...hours].sort((a, b) => a - b)) {
      const lived = hourStartsAt(config, day, hour) < now;
      const needs = hourNeeds(config, forecast, byService, hour);
      const counters = available?.get(hour);
      const serving = servingCounters(config, counters, needs.loads);
      for (const service of config.services) {
        const cell = byService.get(service.id)?.get(hour);
        if (!cell) continue;
        const have = lived ? (serving[service.id] ?? 0) : null;
        const expected =
          have === null
            ? null
            : serviceLevelWithServers(
                { arrivalsPerSec: cell.arrivals / 3600, meanServiceSec: cell.serviceTime.meanSec, targetSec: service.targetWaitMin * 60, abandonPerSec: forecast.get(service.id)?.abandonPerSec ?? 0 },
                have,
              );
        cells.push({
          day, hour, serviceId: service.id, forecastArrivals: round1(cell.arrivals), arrivalsWapePercent: nullableRound(cell.arrivalsWapePercent),
          meanServiceSec: Math.round(cell.serviceTime.meanSec), erlangCCounters: needs.erlangC[service.id] ?? null, erlangACounters: needs.erlangA[service.id] ?? null,
          actualCounters: have === null ? null : round1(have), expectedServiceLevelPercent: expected === null ? null : round1(expected * 100),
        });
      }
      const needA = Object.fromEntries(Object.entries(needs.erlangA).map(([id, n]) => [id, n ?? MAX_COUNTERS]));
      const recommended = coverNeeds(config.counters, new Set(Object.keys(needs.loads)), needA);
      const actualTotal = lived ? [...(counters?.values() ?? [])].reduce((n, x) => n + x, 0) : null;
      intervals.push({
        day, hour, recommendedCounters: recommended.length, recommendedCounterIds: recommended,
        actualCounters: actualTotal === null ? null : round1(actualTotal), under: actualTotal !== null && actualTotal < recommended.length - 0.5,
      });
    }
  }
  const services: StaffingServiceSummary[] = config.services.map((s) => {
    const f = forecast.get(s.id);
    return {
      serviceId: s.id, targetMin: s.targetWaitMin, goalPercent: s.goalPercent,
      arrivalsWapePercent: nullableRound(f?.arrivalsWapePercent ?? null), serviceTimeWapePercent: nullableRound(f?.serviceTimeWapePercent ?? null),
      patienceMin: f && f.abandonPerSec > 0 ? round1(1 / f.abandonPerSec / 60) : null,
    };
  });
  return { from, to, weeks: DEFAULT_FORECAST_OPTIONS.weeks, backtestWeeks: DEFAULT_FORECAST_OPTIONS.backtestWeeks, services, cells, intervals };
}

function nullableRound(x: number | null): number | null {
  return x === null ? null : round1(x);
}

/** The week as CSV rows: one per service and hour, with the hour's branch figures beside it. */
export function weekCsvRows(week: StaffingWeek): Record<string, string | number | null>[] {
  const intervals = new Map(week.intervals.map((i) => [`${i.day}|${i.hour}`, i]));
  return week.cells.map((c) => {
    const i = intervals.get(`${c.day}|${c.hour}`);
    return {
      ...c, recommendedCounters: i?.recommendedCounters ?? null, branchActualCounters: i?.actualCounters ?? null,
      under: i ? (i.under ? 'yes' : 'no') : null,
    };
  });
}

export const WEEK_CSV_COLUMNS = [
  'day', 'hour', 'serviceId', 'forecastArrivals', 'arrivalsWapePercent', 'meanServiceSec', 'erlangCCounters', 'erlangACounters',
  'actualCounters', 'expectedServiceLevelPercent', 'recommendedCounters', 'branchActualCounters', 'under',
];
