import { addDays, dateIsoWeekday } from '../time/business-day';

/**
 * The traffic forecast behind staffing advice: for each service, weekday and local clock hour, the arrivals
 * and service time expected, from the same weekday and hour of recent weeks, and how wrong that method was
 * when it forecast the weeks before (back-tested WAPE). Pure: the server hands in each closed business day's
 * figures (from its report roll-ups) and gets the forecast back.
 */

/** One service in one local clock hour of one business day. */
export interface HourFigures {
  /** Legs that started in the hour (issued, or transferred in): the work that arrived. */
  arrivals: number;
  /** Legs served (done or transferred after a call) and the sum of their service times, seconds. */
  served: number;
  serviceSumSec: number;
  /** Legs called, those that ended no-show, and the sum of the called legs' waits, seconds. */
  called: number;
  noShows: number;
  waitSumSec: number;
  /** Service times as buckets (from, to] seconds with their counts, in order: the shape the simulation draws from. */
  serviceBuckets: readonly ServiceBucket[];
}

/** A closed business day: its figures per service and hour. A day the branch was closed has none. */
export interface DayFigures {
  day: string;
  services: ReadonlyMap<string, ReadonlyMap<number, HourFigures>>;
}

/** Service times over (fromSec, toSec], and how many. */
export type ServiceBucket = readonly [fromSec: number, toSec: number, count: number];

export interface ServiceTime {
  meanSec: number;
  /** In order; empty when nothing was served (then the mean is a default). */
  buckets: readonly ServiceBucket[];
}

export interface CellForecast {
  /** Arrivals expected in the hour: the trimmed mean of the same weekday and hour in recent weeks. */
  arrivals: number;
  serviceTime: ServiceTime;
  /** How many of the same weekdays the forecast came from. */
  weeks: number;
  /** Back-tested weighted absolute percentage error of `arrivals` in this cell, %; null without actuals. */
  arrivalsWapePercent: number | null;
}

export interface ServiceForecast {
  /** By `${weekday}|${hour}` (ISO weekday 1–7, local hour 0–23); only cells with traffic or history. */
  cells: Map<string, CellForecast>;
  /** Back-tested WAPE over all the service's cells, %: arrivals, and service time weighted by the work. */
  arrivalsWapePercent: number | null;
  serviceTimeWapePercent: number | null;
  /**
   * Rate at which a waiting customer gives up, per second: the no-show share of called legs over their mean
   * wait (for exponential patience, P(give up) = θ·E[wait]). 0 without no-shows: Erlang A becomes Erlang C.
   */
  abandonPerSec: number;
}

export interface ForecastOptions {
  /** Same weekdays the forecast averages over. */
  weeks: number;
  /** Weeks before the forecast week that are forecast again, from their own past, to measure the error. */
  backtestWeeks: number;
  /** Mean service time assumed where a service has served nobody in the weeks used. */
  defaultServiceSec: number;
  /** Keep each cell's service-time buckets (the simulation draws from them); the advice alone needs the means. */
  buckets: boolean;
}

export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = { weeks: 8, backtestWeeks: 4, defaultServiceSec: 300, buckets: true };
/** Below this many served legs in a cell, its service time is the service's over every hour of those days. */
const MIN_CELL_SAMPLES = 30;

export const cellKey = (weekday: number, hour: number): string => `${weekday}|${hour}`;

/**
 * A mean that an outlier cannot drag: the interquartile mean (a quarter of the values dropped at each end,
 * at least one each from three values on, which makes three values their median). A holiday, an outage or a
 * one-off rush among eight weeks is left out instead of pulling the forecast.
 */
export function trimmedMean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const cut = sorted.length >= 3 ? Math.max(1, Math.floor(sorted.length / 4)) : 0;
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((s, x) => s + x, 0) / kept.length;
}

/** Weighted absolute percentage error: Σ|actual − forecast| ÷ Σ actual, %; null when nothing happened. */
export function wapePercent(pairs: readonly { actual: number; forecast: number }[]): number | null {
  let error = 0;
  let total = 0;
  for (const p of pairs) {
    error += Math.abs(p.actual - p.forecast);
    total += p.actual;
  }
  return total > 0 ? (error / total) * 100 : null;
}

/**
 * The forecast for the week starting `weekStart` (a business day) from the closed days in `history` (every
 * closed business day the branch has had in the range, days with no tickets included: they are real zeros).
 */
export function forecastWeek(history: readonly DayFigures[], weekStart: string, options: ForecastOptions = DEFAULT_FORECAST_OPTIONS): Map<string, ServiceForecast> {
  const byDay = new Map(history.map((d) => [d.day, d]));
  const serviceIds = new Set(history.flatMap((d) => [...d.services.keys()]));
  const out = new Map<string, ServiceForecast>();
  for (const serviceId of serviceIds) {
    const cells = new Map<string, CellForecast>();
    for (let i = 0; i < 7; i++) {
      const day = addDays(weekStart, i);
      for (const [hour, cell] of forecastDay(byDay, serviceId, day, options, options.buckets)) cells.set(cellKey(dateIsoWeekday(day), hour), cell);
    }
    const backtest = backtestService(byDay, serviceId, weekStart, options);
    for (const [key, wape] of backtest.cells) {
      const cell = cells.get(key);
      if (cell) cell.arrivalsWapePercent = wape;
    }
    out.set(serviceId, {
      cells,
      arrivalsWapePercent: backtest.arrivals,
      serviceTimeWapePercent: backtest.serviceTime,
      abandonPerSec: abandonRate(daysBefore(byDay, weekStart, options.weeks * 7), serviceId),
    });
  }
  return out;
}

/** The closed days among the `count` days before `day`, most recent first. */
function daysBefore(byDay: ReadonlyMap<string, DayFigures>, day: string, count: number): DayFigures[] {
  const days: DayFigures[] = [];
  for (let i = 1; i <= count; i++) {
    const d = byDay.get(addDays(day, -i));
    if (d) days.push(d);
  }
  return days;
}

/** The same weekday in the `weeks` weeks before `day` that are closed days of the history. */
function previousSameWeekdays(byDay: ReadonlyMap<string, DayFigures>, day: string, weeks: number): DayFigures[] {
  const days: DayFigures[] = [];
  for (let w = 1; w <= weeks; w++) {
    const d = byDay.get(addDays(day, -7 * w));
    if (d) days.push(d);
  }
  return days;
}

/** Per local hour: the forecast of one service on one day, from the same weekday of earlier weeks. */
function forecastDay(byDay: ReadonlyMap<string, DayFigures>, serviceId: string, day: string, options: ForecastOptions, buckets: boolean): Map<number, CellForecast> {
  const past = previousSameWeekdays(byDay, day, options.weeks);
  const out = new Map<number, CellForecast>();
  if (past.length === 0) return out;
  const hours = new Set(past.flatMap((d) => [...(d.services.get(serviceId)?.keys() ?? [])]));
  const fallback = serviceTimeOf(past.flatMap((d) => [...(d.services.get(serviceId)?.values() ?? [])]), null, options.defaultServiceSec, buckets);
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const cells = past.map((d) => d.services.get(serviceId)?.get(hour));
    const arrivals = trimmedMean(cells.map((c) => c?.arrivals ?? 0));
    const present = cells.filter((c) => c !== undefined);
    out.set(hour, { arrivals, serviceTime: serviceTimeOf(present, fallback, options.defaultServiceSec, buckets), weeks: past.length, arrivalsWapePercent: null });
  }
  return out;
}

/** Pooled service time of the cells; the fallback (the service's whole day) when they served too few. */
function serviceTimeOf(cells: readonly HourFigures[], fallback: ServiceTime | null, defaultSec: number, withBuckets: boolean): ServiceTime {
  let served = 0;
  let sum = 0;
  const buckets = new Map<number, [number, number, number]>();
  for (const c of cells) {
    served += c.served;
    sum += c.serviceSumSec;
    if (!withBuckets) continue;
    for (const [from, to, n] of c.serviceBuckets) {
      const b = buckets.get(to);
      if (b) b[2] += n;
      else buckets.set(to, [from, to, n]);
    }
  }
  if (fallback && served < MIN_CELL_SAMPLES) return fallback;
  if (served === 0) return { meanSec: defaultSec, buckets: [] };
  return { meanSec: sum / served, buckets: [...buckets.values()].sort((a, b) => a[1] - b[1]) };
}

function abandonRate(days: readonly DayFigures[], serviceId: string): number {
  let called = 0;
  let noShows = 0;
  let waitSum = 0;
  for (const d of days)
    for (const c of d.services.get(serviceId)?.values() ?? []) {
      called += c.called;
      noShows += c.noShows;
      waitSum += c.waitSumSec;
    }
  if (called === 0 || noShows === 0 || waitSum <= 0) return 0;
  return noShows / called / (waitSum / called);
}

/**
 * The method's own error: each closed day of the `backtestWeeks` weeks before the forecast week is forecast
 * from the weeks before it, exactly as the week itself is, and compared with what happened.
 */
function backtestService(byDay: ReadonlyMap<string, DayFigures>, serviceId: string, weekStart: string, options: ForecastOptions) {
  const cellPairs = new Map<string, { actual: number; forecast: number }[]>();
  const allArrivals: { actual: number; forecast: number }[] = [];
  const work: { actual: number; forecast: number }[] = [];
  for (let i = 1; i <= options.backtestWeeks * 7; i++) {
    const day = addDays(weekStart, -i);
    const actualDay = byDay.get(day);
    if (!actualDay) continue;
    const forecast = forecastDay(byDay, serviceId, day, options, false);
    if (forecast.size === 0) continue;
    const actual = actualDay.services.get(serviceId);
    const hours = new Set([...forecast.keys(), ...(actual?.keys() ?? [])]);
    for (const hour of hours) {
      const a = actual?.get(hour);
      const f = forecast.get(hour);
      const pair = { actual: a?.arrivals ?? 0, forecast: f?.arrivals ?? 0 };
      allArrivals.push(pair);
      const key = cellKey(dateIsoWeekday(day), hour);
      cellPairs.set(key, [...(cellPairs.get(key) ?? []), pair]);
      // Service time weighted by the work it stands for: served legs × seconds.
      if (a && a.served > 0 && f) work.push({ actual: a.serviceSumSec, forecast: a.served * f.serviceTime.meanSec });
    }
  }
  return {
    cells: new Map([...cellPairs].map(([k, pairs]) => [k, wapePercent(pairs)])),
    arrivals: wapePercent(allArrivals),
    serviceTime: wapePercent(work),
  };
}
