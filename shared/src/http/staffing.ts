import { z } from 'zod';
import { IsoDate } from './reports';
import { defineRoute } from './route';

/**
 * Staffing advice (docs/REPORTS.md, "Staffing advice"), managers only: the week's advice, one day's smallest
 * staffing by simulation, and a what-if. JSON replies as below; with format=csv the same figures as a CSV file.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const Format = z.enum(['json', 'csv']).default('json');
const Hour = z.coerce.number().int().min(0).max(24);

/** GET /api/staffing/week?from=YYYY-MM-DD[&format=csv]: the seven business days from `from`. */
export const StaffingWeekQuery = z.strictObject({ from: IsoDate, format: Format });
export type StaffingWeekQuery = z.infer<typeof StaffingWeekQuery>;

/** GET /api/staffing/day?day=YYYY-MM-DD: each hour's smallest staffing, found by simulation. */
export const StaffingDayQuery = z.strictObject({ day: IsoDate, format: Format });
export type StaffingDayQuery = z.infer<typeof StaffingDayQuery>;

/** GET /api/staffing/what-if?day&fromHour&toHour&serviceId&extra: `extra` more counters for the service in [fromHour, toHour). */
export const StaffingWhatIfQuery = z
  .strictObject({
    day: IsoDate,
    fromHour: Hour,
    toHour: Hour,
    serviceId: Id,
    extra: z.coerce.number().int().min(-10).max(10).refine((n) => n !== 0, 'extra must not be 0'),
    format: Format,
  })
  .refine((q) => q.fromHour < q.toHour, { message: 'fromHour must be before toHour', path: ['fromHour'] });
export type StaffingWhatIfQuery = z.infer<typeof StaffingWhatIfQuery>;

const Percent = z.number().nullable();

export const StaffingServiceSummary = z.object({
  serviceId: z.string(),
  targetMin: z.number(),
  goalPercent: z.number(),
  /** Back-tested weighted absolute percentage error of the forecast, %: arrivals, and service time. */
  arrivalsWapePercent: Percent,
  serviceTimeWapePercent: Percent,
  /** Mean patience the no-shows stand for, minutes; null: no no-shows (Erlang A is then Erlang C). */
  patienceMin: z.number().nullable(),
});
export type StaffingServiceSummary = z.infer<typeof StaffingServiceSummary>;

/** One service in one local hour of one day. */
export const StaffingCell = z.object({
  day: z.string(),
  hour: z.number().int(),
  serviceId: z.string(),
  forecastArrivals: z.number(),
  arrivalsWapePercent: Percent,
  meanServiceSec: z.number(),
  /** Counters the service needs on its own to reach its goal: Erlang C, and Erlang A (with no-shows). */
  erlangCCounters: z.number().int().nullable(),
  erlangACounters: z.number().int().nullable(),
  /** Counters signed in and not paused that served it, a shared counter counted by the service's share of the work. */
  actualCounters: z.number().nullable(),
  /** Service level Erlang A expects with those counters, %. */
  expectedServiceLevelPercent: Percent,
});
export type StaffingCell = z.infer<typeof StaffingCell>;

/** The branch in one local hour of one day. */
export const StaffingInterval = z.object({
  day: z.string(),
  hour: z.number().int(),
  /** Counters recommended: each service's Erlang A need covered by configured counters (a shared one split). */
  recommendedCounters: z.number().int(),
  recommendedCounterIds: z.array(z.string()),
  /** Mean counters signed in and not paused during the hour; null for an hour not yet lived. */
  actualCounters: z.number().nullable(),
  /** Fewer counters than recommended (by half a counter or more). */
  under: z.boolean(),
});
export type StaffingInterval = z.infer<typeof StaffingInterval>;

export const StaffingWeek = z.object({
  from: z.string(),
  to: z.string(),
  /** Weeks of history the forecast used (at most), and weeks it was back-tested on. */
  weeks: z.number().int(),
  backtestWeeks: z.number().int(),
  services: z.array(StaffingServiceSummary),
  cells: z.array(StaffingCell),
  intervals: z.array(StaffingInterval),
});
export type StaffingWeek = z.infer<typeof StaffingWeek>;

export const StaffingDayHour = z.object({
  hour: z.number().int(),
  counters: z.number().int(),
  counterIds: z.array(z.string()),
  meetsGoals: z.boolean(),
  /** Simulated service level per service, %. */
  serviceLevels: z.record(z.string(), Percent),
});
export const StaffingDay = z.object({ day: z.string(), hours: z.array(StaffingDayHour) });
export type StaffingDay = z.infer<typeof StaffingDay>;

export const WhatIfService = z.object({
  serviceId: z.string(),
  goalPercent: z.number(),
  /** Simulated service level for the day, %: as staffed, and with the change. */
  baselinePercent: Percent,
  withChangePercent: Percent,
  /** The same from Erlang A hour by hour (weighted by arrivals), %. */
  erlangBaselinePercent: Percent,
  erlangWithChangePercent: Percent,
});
export const WhatIfHour = z.object({ hour: z.number().int(), serviceId: z.string(), baselinePercent: Percent, withChangePercent: Percent });
export const StaffingWhatIf = z.object({
  day: z.string(),
  fromHour: z.number().int(),
  toHour: z.number().int(),
  serviceId: z.string(),
  extra: z.number().int(),
  /** Where the baseline staffing of each hour came from: signed in that day, or the same hour a week before. */
  baseline: z.enum(['actual', 'week-before', 'recommended']),
  services: z.array(WhatIfService),
  hours: z.array(WhatIfHour),
});
export type StaffingWhatIf = z.infer<typeof StaffingWhatIf>;

const manager = ['manager'] as const;

/** GET /api/staffing/week?from[&format=csv]: forecast, its error, Erlang needs, recommendation, counters signed in. */
export const StaffingWeekRoute = defineRoute({ method: 'GET', path: '/api/staffing/week', roles: manager, query: StaffingWeekQuery, reply: StaffingWeek });

/** GET /api/staffing/day?day[&format=csv]: each hour's smallest staffing meeting every goal, by simulation. */
export const StaffingDayRoute = defineRoute({ method: 'GET', path: '/api/staffing/day', roles: manager, query: StaffingDayQuery, reply: StaffingDay });

/** GET /api/staffing/what-if?day&fromHour&toHour&serviceId&extra[&format=csv]; an unknown service is NOT_FOUND. */
export const StaffingWhatIfRoute = defineRoute({ method: 'GET', path: '/api/staffing/what-if', roles: manager, query: StaffingWhatIfQuery, reply: StaffingWhatIf });
