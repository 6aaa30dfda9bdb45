import { z } from 'zod';

/**
 * Staffing advice over HTTP (GET /api/staffing/<name>, managers only) and the live staffing alerts broadcast to
 * staff. Shared by the server, which parses queries and builds replies with these, and the manager and counter
 * apps, which parse what they receive with them.
 */

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
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

/** What would fix an alert: call the next ticket at a free counter, or open more counters for the service. */
export const AlertFix = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callNext'), counterIds: z.array(z.string()) }),
  /** `counterIds`: closed or paused counters that serve the service (may be fewer than `count`, or none). */
  z.object({ kind: z.literal('openCounters'), count: z.number().int().min(1), counterIds: z.array(z.string()) }),
]);
export type AlertFix = z.infer<typeof AlertFix>;

export const StaffingAlert = z.discriminatedUnion('kind', [
  /** The service level projected for the whole business day falls below the service's goal. */
  z.object({
    id: z.string(),
    kind: z.literal('serviceLevel'),
    serviceId: z.string(),
    projectedPercent: z.number(),
    goalPercent: z.number(),
    /** Even the fix cannot bring the day back to its goal (too much is already missed): it limits the loss. */
    goalOutOfReach: z.boolean(),
    fix: AlertFix,
  }),
  /** Tickets about to pass the service's target T (waited at least NEAR_TARGET_SHARE of it). */
  z.object({
    id: z.string(),
    kind: z.literal('nearTarget'),
    serviceId: z.string(),
    tickets: z.number().int().min(1),
    /** The ticket that passes T first, and when. */
    displayNumber: z.string(),
    passesAt: z.number(),
    fix: AlertFix,
  }),
]);
export type StaffingAlert = z.infer<typeof StaffingAlert>;

/** A waiting ticket at or past this share of its service's T is about to pass it (monitor and alerts alike). */
export const NEAR_TARGET_SHARE = 0.8;
