import { fail, StaffingDayRoute, StaffingWeekRoute, StaffingWhatIfRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import { serveRoute } from '../http/typed-route';
import { reportRunnerOf, sendComputed } from '../reports/reports-feature';
import { LiveAlerts } from './live-alerts';

/**
 * Staffing advice, managers only, in the reports' style (routes in shared/src/http/staffing.ts, docs/REPORTS.md):
 * the week, one day's smallest staffing, a what-if, each as JSON or CSV. Computed in the report worker from the
 * report roll-ups, never on the server's thread. Also the live staffing alerts (live-alerts.ts).
 */
export function staffingFeature(): FeatureModule {
  const perApp = new Map<AppContext, LiveAlerts>();
  return {
    name: 'staffing',
    http(router, ctx) {
      const runner = reportRunnerOf(ctx);
      // Replies are encoded in the worker that computed them, so they are sent as bytes.
      serveRoute(router, ctx.auth, StaffingWeekRoute, ({ query }, _req, res) =>
        sendComputed(res, ctx, () => runner.run({ kind: 'staffingWeek', query }), query.format === 'csv' ? `staffing-week-${query.from}.csv` : null, 'staffing week'),
      );
      serveRoute(router, ctx.auth, StaffingDayRoute, ({ query }, _req, res) =>
        sendComputed(res, ctx, () => runner.run({ kind: 'staffingDay', query }), query.format === 'csv' ? `staffing-day-${query.day}.csv` : null, 'staffing day'),
      );
      serveRoute(router, ctx.auth, StaffingWhatIfRoute, ({ query }, _req, res) => {
        if (!ctx.config().services.some((s) => s.id === query.serviceId)) return fail('NOT_FOUND', 'No such service');
        return sendComputed(res, ctx, () => runner.run({ kind: 'staffingWhatIf', query }), query.format === 'csv' ? `staffing-what-if-${query.day}.csv` : null, 'staffing what-if');
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
