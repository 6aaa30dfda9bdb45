import Database from 'better-sqlite3';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../features';
import { describeIssues, sendError } from '../http/http-errors';
import { GROUP_BYS, REPORT_GROUP_BYS, REPORT_NAMES, toCsv } from './report-definitions';
import { runReport, type ReportServiceDeps } from './report-service';
import { reportSettings } from './report-settings';
import { periodPartials } from './rollup-store';
import { addDays, businessDayOf } from '@rinda/shared';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
/** About three years: a longer range is a data export, not a report. */
const MAX_RANGE_DAYS = 1100;

export const ReportQuerySchema = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    groupBy: z.enum(GROUP_BYS),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => addDays(q.from, MAX_RANGE_DAYS) > q.to, { message: `at most ${MAX_RANGE_DAYS} days`, path: ['to'] });

const WARM_UP_DAYS = 400;
const WARM_UP_EVERY_MS = 60 * 60_000;

/**
 * GET /api/reports/<name>?from&to&groupBy[&format=csv], managers only. Reports read through their own
 * read-only connection and build missing roll-ups one day per event-loop turn, so calls and tickets
 * keep flowing while a long report runs. After start (and hourly) closed days are rolled up ahead.
 */
export function reportsFeature(): FeatureModule {
  // One module may serve several apps in a process (tests): keep nothing per app but its timers.
  const timers = new Set<NodeJS.Timeout>();
  return {
    name: 'reports',
    http(router, ctx) {
      router.get('/api/reports/:name', ctx.auth.requireRole('manager'), async (req, res) => {
        const name = z.enum(REPORT_NAMES).safeParse(req.params.name);
        if (!name.success) return sendError(res, 'NOT_FOUND', `Unknown report; reports: ${REPORT_NAMES.join(', ')}`);
        const query = ReportQuerySchema.safeParse(req.query);
        if (!query.success) return sendError(res, 'BAD_REQUEST', describeIssues(query.error));
        const { from, to, groupBy, format } = query.data;
        if (!REPORT_GROUP_BYS[name.data].includes(groupBy))
          return sendError(res, 'BAD_REQUEST', `${name.data} groups by ${REPORT_GROUP_BYS[name.data].join(', ')}`);
        try {
          const table = await withReadConnection(ctx, (deps) => runReport(deps, { name: name.data, from, to, groupBy }));
          if (format === 'csv') {
            res.setHeader('Content-Type', 'text/csv; charset=utf-8');
            res.setHeader('Content-Disposition', `attachment; filename="${name.data}-${groupBy}-${from}-${to}.csv"`);
            return res.send(toCsv(table));
          }
          res.json(table);
        } catch (error) {
          ctx.logger.error({ err: error, report: name.data }, 'report failed');
          sendError(res, 'INTERNAL', 'The report could not be computed');
        }
      });
      const warmUp = () => {
        if (!ctx.db.open) return;
        withReadConnection(ctx, (deps) => warmUpRollups(ctx, deps)).catch((error: unknown) => {
          if (ctx.db.open) ctx.logger.warn({ err: error }, 'report roll-up warm-up failed');
        });
      };
      const first = setTimeout(warmUp, 1000);
      const hourly = setInterval(warmUp, WARM_UP_EVERY_MS);
      for (const t of [first, hourly]) {
        t.unref();
        timers.add(t);
      }
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/**
 * Runs report work on its own read-only connection (a file database; an in-memory one has only the
 * live connection), closed afterwards. Opening one costs well under a millisecond.
 */
async function withReadConnection<T>(ctx: AppContext, work: (deps: ReportServiceDeps) => Promise<T>): Promise<T> {
  const separate = !ctx.db.memory;
  const readDb = separate ? new Database(ctx.db.name, { readonly: true, fileMustExist: true }) : ctx.db;
  try {
    return await work({ readDb, writeDb: ctx.db, config: () => ctx.config(), now: ctx.clock });
  } finally {
    if (separate) readDb.close();
  }
}

/** Rolls up the closed business days and months of the last year ahead of the first report that needs them. */
async function warmUpRollups(ctx: AppContext, deps: ReportServiceDeps): Promise<void> {
  const settings = reportSettings(ctx.config());
  const today = businessDayOf(ctx.clock(), settings.timeZone, settings.dayStart);
  const first = (deps.readDb.prepare('SELECT min(business_day) AS day FROM tickets').get() as { day: string | null }).day;
  if (first === null || first >= today) return;
  const from = [first, addDays(today, -WARM_UP_DAYS)].sort()[1]!;
  await periodPartials({ readDb: deps.readDb, writeDb: deps.writeDb, settings: () => settings, now: ctx.clock }, from, addDays(today, -1), 'service', true);
}
