import type { AppContext } from '../app-context';
import type { CommandPipeline } from './command-pipeline';

/**
 * How often the server looks for tickets left waiting from an earlier business day. No cron: the check is one
 * look at the index of waiting days, so the status page of such a ticket tells the truth within this of the day
 * start (or of a start-up, which checks at once).
 */
export const DAY_BOUNDARY_CHECK_MS = 10_000;

/** Closes earlier days' waiting tickets now and then every DAY_BOUNDARY_CHECK_MS, until the database is closed. */
export function watchDayBoundary(pipeline: CommandPipeline, ctx: AppContext, intervalMs = DAY_BOUNDARY_CHECK_MS): void {
  const check = () => {
    if (!ctx.db.open) return clearInterval(timer);
    pipeline.closeEarlierDays().then(
      (closed) => {
        if (closed > 0) ctx.logger.info({ event: 'day_boundary', closed }, 'closed tickets left waiting from an earlier business day');
      },
      (error: unknown) => ctx.logger.error({ err: error }, 'day boundary: closing earlier days failed'),
    );
  };
  const timer: NodeJS.Timeout = setInterval(check, intervalMs);
  timer.unref();
  check();
}
