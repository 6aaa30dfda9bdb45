import { businessDayOf, fail, REPORT_GROUP_BYS, REPORT_NAMES, ReportRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import type { Response } from 'express';
import { SENT, serveRoute, type HttpRefusal } from '../http/typed-route';
import type { EncodedReport } from './report-definitions';
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
      const runner = reportRunnerOf(ctx);
      // The reply (a ReportTable, as JSON or CSV) is encoded in the worker that computed it, so it is sent as bytes.
      serveRoute(
        router,
        ctx.auth,
        ReportRoute,
        async ({ params: { name }, query: { from, to, groupBy, format } }, _req, res) => {
          if (!REPORT_GROUP_BYS[name].includes(groupBy)) return fail('BAD_REQUEST', `${name} groups by ${REPORT_GROUP_BYS[name].join(', ')}`);
          return sendComputed(res, ctx, () => runner.report({ name, from, to, groupBy }, format), format === 'csv' ? `${name}-${groupBy}-${from}-${to}.csv` : null, name);
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
      runners.delete(ctx);
      for (const t of app.timers) clearTimeout(t);
      await app.runner.close();
    },
  };
}

/** One report worker per app, shared by the features that read roll-ups (reports, staffing); reports closes it. */
const runners = new WeakMap<AppContext, ReportRunner>();
export function reportRunnerOf(ctx: AppContext): ReportRunner {
  let runner = runners.get(ctx);
  if (!runner) runners.set(ctx, (runner = new ReportRunner(ctx)));
  return runner;
}

/**
 * Writes what the worker computed (JSON or CSV bytes, encoded there) as the reply, a CSV as a download named
 * `csvName`; a failure is logged and answered INTERNAL without detail.
 */
export async function sendComputed(res: Response, ctx: AppContext, compute: () => Promise<EncodedReport>, csvName: string | null, what: string): Promise<typeof SENT | HttpRefusal> {
  try {
    const reply = await compute();
    res.setHeader('Content-Type', reply.contentType);
    if (csvName) res.setHeader('Content-Disposition', `attachment; filename="${csvName}"`);
    res.send(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
    return SENT;
  } catch (error) {
    ctx.logger.error({ err: error, report: what }, 'report failed');
    return fail('INTERNAL', 'The report could not be computed');
  }
}

export function hasClosedDays(ctx: AppContext): boolean {
  const { timeZone, dayStart } = ctx.config().branch;
  const today = businessDayOf(ctx.clock(), timeZone, dayStart);
  return ctx.db.prepare('SELECT 1 FROM tickets WHERE business_day < ? LIMIT 1').get(today) !== undefined;
}
