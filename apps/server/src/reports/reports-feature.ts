import { z } from 'zod';
import { addDays, businessDayOf } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../features';
import { describeIssues, sendError } from '../http/http-errors';
import { GROUP_BYS, REPORT_GROUP_BYS, REPORT_NAMES } from './report-definitions';
import { ReportRunner } from './report-runner';

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

/** Soon after start, then hourly: closed days and months are rolled up before a manager asks. */
const WARM_UP_DELAY_MS = 5_000;
const WARM_UP_EVERY_MS = 60 * 60_000;

/**
 * GET /api/reports/<name>?from&to&groupBy[&format=csv], managers only. Reports run in a worker thread
 * with their own connections (report-runner.ts), so calls and tickets keep flowing while a long report
 * or a roll-up runs. After start (and hourly) closed days and months are rolled up ahead.
 */
export function reportsFeature(): FeatureModule {
  // One module may serve several apps in a process (tests): each app gets its own runner and timers,
  // and closing one app stops only its own.
  const perApp = new Map<AppContext, { runner: ReportRunner; timers: NodeJS.Timeout[] }>();
  return {
    name: 'reports',
    http(router, ctx) {
      const runner = new ReportRunner(ctx);
      router.get('/api/reports/:name', ctx.auth.requireRole('manager'), async (req, res) => {
        const name = z.enum(REPORT_NAMES).safeParse(req.params.name);
        if (!name.success) return sendError(res, 'NOT_FOUND', `Unknown report; reports: ${REPORT_NAMES.join(', ')}`);
        const query = ReportQuerySchema.safeParse(req.query);
        if (!query.success) return sendError(res, 'BAD_REQUEST', describeIssues(query.error));
        const { from, to, groupBy, format } = query.data;
        if (!REPORT_GROUP_BYS[name.data].includes(groupBy))
          return sendError(res, 'BAD_REQUEST', `${name.data} groups by ${REPORT_GROUP_BYS[name.data].join(', ')}`);
        try {
          const reply = await runner.report({ name: name.data, from, to, groupBy }, format);
          res.setHeader('Content-Type', reply.contentType);
          if (format === 'csv') res.setHeader('Content-Disposition', `attachment; filename="${name.data}-${groupBy}-${from}-${to}.csv"`);
          res.send(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
        } catch (error) {
          ctx.logger.error({ err: error, report: name.data }, 'report failed');
          sendError(res, 'INTERNAL', 'The report could not be computed');
        }
      });
      const warmUp = () => {
        // A branch with no closed business day yet (a new one, or a test's) has nothing to roll up.
        if (!ctx.db.open || !hasClosedDays(ctx)) return;
        runner.warmUp().catch((error: unknown) => {
          if (ctx.db.open) ctx.logger.warn({ err: error }, 'report roll-up warm-up failed');
        });
      };
      const timers = [setTimeout(warmUp, WARM_UP_DELAY_MS), setInterval(warmUp, WARM_UP_EVERY_MS)];
      for (const t of timers) t.unref();
      perApp.set(ctx, { runner, timers });
    },
    async close(ctx) {
      const app = perApp.get(ctx);
      if (!app) return;
      perApp.delete(ctx);
      for (const t of app.timers) clearTimeout(t);
      await app.runner.close();
    },
  };
}

function hasClosedDays(ctx: AppContext): boolean {
  const { timeZone, dayStart } = ctx.config().branch;
  const today = businessDayOf(ctx.clock(), timeZone, dayStart);
  return ctx.db.prepare('SELECT 1 FROM tickets WHERE business_day < ? LIMIT 1').get(today) !== undefined;
}
