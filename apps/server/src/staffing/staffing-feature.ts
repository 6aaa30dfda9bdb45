import { StaffingDayQuery, StaffingWeekQuery, StaffingWhatIfQuery } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../features';
import { describeIssues, sendError } from '../http/http-errors';
import { reportRunnerOf, sendComputed } from '../reports/reports-feature';
import { LiveAlerts } from './live-alerts';

/**
 * Staffing advice, managers only, in the reports' style (docs/REPORTS.md): GET /api/staffing/week?from,
 * /api/staffing/day?day, /api/staffing/what-if?day&fromHour&toHour&serviceId&extra, each [&format=csv].
 * Computed in the report worker from the report roll-ups, never on the server's thread. Also the live
 * staffing alerts (live-alerts.ts).
 */
export function staffingFeature(): FeatureModule {
  const perApp = new Map<AppContext, LiveAlerts>();
  return {
    name: 'staffing',
    http(router, ctx) {
      const runner = reportRunnerOf(ctx);
      const managerOnly = ctx.auth.requireRole('manager');
      router.get('/api/staffing/week', managerOnly, async (req, res) => {
        const q = StaffingWeekQuery.safeParse(req.query);
        if (!q.success) return sendError(res, 'BAD_REQUEST', describeIssues(q.error));
        await sendComputed(res, ctx, () => runner.run({ kind: 'staffingWeek', query: q.data }), q.data.format === 'csv' ? `staffing-week-${q.data.from}.csv` : null, 'staffing week');
      });
      router.get('/api/staffing/day', managerOnly, async (req, res) => {
        const q = StaffingDayQuery.safeParse(req.query);
        if (!q.success) return sendError(res, 'BAD_REQUEST', describeIssues(q.error));
        await sendComputed(res, ctx, () => runner.run({ kind: 'staffingDay', query: q.data }), q.data.format === 'csv' ? `staffing-day-${q.data.day}.csv` : null, 'staffing day');
      });
      router.get('/api/staffing/what-if', managerOnly, async (req, res) => {
        const q = StaffingWhatIfQuery.safeParse(req.query);
        if (!q.success) return sendError(res, 'BAD_REQUEST', describeIssues(q.error));
        if (!ctx.config().services.some((s) => s.id === q.data.serviceId)) return sendError(res, 'NOT_FOUND', 'No such service');
        await sendComputed(res, ctx, () => runner.run({ kind: 'staffingWhatIf', query: q.data }), q.data.format === 'csv' ? `staffing-what-if-${q.data.day}.csv` : null, 'staffing what-if');
      });
      const alerts = new LiveAlerts(ctx, runner);
      alerts.start();
      perApp.set(ctx, alerts);
    },
    close(ctx) {
      perApp.get(ctx)?.stop();
      perApp.delete(ctx);
    },
  };
}
