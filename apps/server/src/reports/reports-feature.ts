import { businessDayOf, fail, REPORT_GROUP_BYS, REPORT_NAMES, ReportRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import { SENT, serveRoute } from '../http/typed-route';
import { ReportRunner } from './report-runner';

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
      // The reply (a ReportTable, as JSON or CSV) is encoded in the worker that computed it, so it is sent as bytes.
      serveRoute(
        router,
        ctx.auth,
        ReportRoute,
        async ({ params: { name }, query: { from, to, groupBy, format } }, _req, res) => {
          if (!REPORT_GROUP_BYS[name].includes(groupBy)) return fail('BAD_REQUEST', `${name} groups by ${REPORT_GROUP_BYS[name].join(', ')}`);
          try {
            const reply = await runner.report({ name, from, to, groupBy }, format);
            res.setHeader('Content-Type', reply.contentType);
            if (format === 'csv') res.setHeader('Content-Disposition', `attachment; filename="${name}-${groupBy}-${from}-${to}.csv"`);
            res.send(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
            return SENT;
          } catch (error) {
            ctx.logger.error({ err: error, report: name }, 'report failed');
            return fail('INTERNAL', 'The report could not be computed');
          }
        },
        { badParams: { code: 'NOT_FOUND', message: `Unknown report; reports: ${REPORT_NAMES.join(', ')}` } },
      );
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
