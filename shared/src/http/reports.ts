import { z } from 'zod';
import { addDays } from '../time/business-day';
import { defineRoute } from './route';

export const REPORT_NAMES = ['summary', 'hourly', 'counters', 'wait-histogram', 'wait-promises', 'satisfaction', 'satisfaction-by-wait'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const GROUP_BYS = ['service', 'counter', 'teller', 'hour', 'weekday', 'day'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Which groupings each report offers (hourly figures only exist per clock hour; counter time has no service). */
export const REPORT_GROUP_BYS: Record<ReportName, readonly GroupBy[]> = {
  summary: GROUP_BYS,
  hourly: ['hour'],
  counters: ['counter', 'teller', 'weekday', 'day'],
  'wait-histogram': GROUP_BYS,
  // How good the wait told at the kiosk was: by what the customer chose and when (the counter is not known then).
  'wait-promises': ['service', 'hour', 'weekday', 'day'],
  // Ratings of visits: by the visit's service, hour issued, day, and the counter and teller that served it last.
  satisfaction: GROUP_BYS,
  'satisfaction-by-wait': GROUP_BYS,
};

/** The grouping a report is asked for when the screen groups by `wanted`: that one if it offers it, else its first. */
export function reportGrouping(report: ReportName, wanted: GroupBy): GroupBy {
  const offered = REPORT_GROUP_BYS[report];
  return offered.includes(wanted) ? wanted : (offered[0] ?? wanted);
}

export const Cell = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof Cell>;

/** A report as JSON: its columns in order, one row per group (CSV carries the same columns and rows). */
export const ReportTable = z.object({
  report: z.enum(REPORT_NAMES),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BYS),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), Cell)),
});
export type ReportTable = z.infer<typeof ReportTable>;

/**
 * A day the calendar has. Date.parse alone is not enough: V8 reads 2026-02-30 as 2 March, so the date must
 * come back unchanged from its own timestamp. The message never repeats the value (the reply echoes nothing).
 */
export function isCalendarDate(d: string): boolean {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}
/** A business day, YYYY-MM-DD, that the calendar has. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isCalendarDate, 'not a calendar date');
/** About three years: a longer range is a data export, not a report. */
export const MAX_REPORT_RANGE_DAYS = 1100;

export const ReportQuery = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    groupBy: z.enum(GROUP_BYS),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => addDays(q.from, MAX_REPORT_RANGE_DAYS) > q.to, { message: `at most ${MAX_REPORT_RANGE_DAYS} days`, path: ['to'] });

/**
 * GET /api/reports/:name?from&to&groupBy[&format=csv]: the JSON reply is a ReportTable; with format=csv the
 * same table as a CSV file. An unknown name is NOT_FOUND; a grouping the report does not offer, BAD_REQUEST.
 */
export const ReportRoute = defineRoute({
  method: 'GET',
  path: '/api/reports/:name',
  roles: ['manager'],
  params: z.object({ name: z.enum(REPORT_NAMES) }),
  query: ReportQuery,
  reply: ReportTable,
});
