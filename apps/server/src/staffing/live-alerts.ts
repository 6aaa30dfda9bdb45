import { staffingAlerts, type LiveStaffingInputs } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { ReportRunner } from '../reports/report-runner';
import { hasClosedDays } from '../reports/reports-feature';

/** Today's forecast and the day so far are read again from the history this often (in the report worker). */
const REFRESH_INPUTS_MS = 60_000;
/** Alerts are computed again this often with no queue change (a waiting ticket nears T as time passes). */
const EVALUATE_EVERY_MS = 15_000;
/** Queue changes are coalesced: the alerts are computed at most once per this many milliseconds. */
const MIN_GAP_MS = 2_000;

/**
 * Live staffing alerts on the server's thread: bounded work (staffing-alerts.ts in shared) on a timer and after
 * queue changes, coalesced, never per socket; published through the AlertBoard, which broadcasts changes.
 * What needs the history (today's forecast, the day so far) comes from the report worker once a minute.
 */
export class LiveAlerts {
  private inputs: LiveStaffingInputs | null = null;
  private pending: NodeJS.Timeout | null = null;
  private lastRun = -Infinity;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly runner: ReportRunner,
  ) {}

  start(): void {
    this.unsubscribe = this.ctx.onCommitted(() => this.schedule());
    this.timers.push(setInterval(() => this.schedule(), EVALUATE_EVERY_MS), setInterval(() => void this.refresh(), REFRESH_INPUTS_MS));
    for (const t of this.timers) t.unref();
    void this.refresh();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearInterval(t);
    if (this.pending) clearTimeout(this.pending);
  }

  /** Reads today's forecast and the day so far again (a branch with no closed day has no forecast yet). */
  async refresh(): Promise<void> {
    if (this.stopped || !this.ctx.db.open) return;
    if (hasClosedDays(this.ctx)) {
      try {
        this.inputs = await this.runner.run({ kind: 'staffingLive' });
      } catch (error) {
        if (!this.stopped) this.ctx.logger.warn({ err: error }, 'staffing forecast for live alerts failed');
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.pending) return;
    const wait = Math.max(0, this.lastRun + MIN_GAP_MS - performance.now());
    this.pending = setTimeout(() => this.evaluate(), wait);
    this.pending.unref();
  }

  private evaluate(): void {
    this.pending = null;
    if (this.stopped || !this.ctx.db.open) return;
    this.lastRun = performance.now();
    try {
      this.ctx.alerts.publish(staffingAlerts(this.ctx.state(), this.inputs, this.ctx.clock()));
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'staffing alerts failed');
    }
  }
}
