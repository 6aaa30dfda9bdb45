import type { Sql } from '../db/sql';
import { refreshRegionRollups } from './region-rollups';
import { publishRollups } from './rollup-publisher';
import type { ReplicaSet } from './replica-set';

/**
 * Keeps head office's roll-ups (migration 020) up with what it holds: every few moments it publishes each branch
 * that has shipped since its last publication (a batch stored, complete_until moved), one branch at a time, so a
 * burst of batches costs one publication per branch, and then sums the regions' closed periods that changed
 * (migration 040). A report first brings the branches it reads up to date, so it is exact even when this has not
 * run yet; normally there is nothing left to do. Region sums are never built on a report's request: until they
 * are, a report reads the branches' own roll-ups (slower, the same figures).
 */
export class RollupMaintainer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /**
   * Region sums may be behind: at start, after a publication that changed a closed period (region sums hold closed
   * periods only: a branch's open day, republished with every batch, never makes them stale), after a sum that
   * could not be built.
   */
  private regionsBehind = true;

  constructor(
    private readonly sql: Sql,
    private readonly replicas: ReplicaSet,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {}

  /** Branches (of `ids`, or all) whose roll-ups are behind the records or the complete_until head office holds. */
  async behind(ids: string[] | null = null): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT b.id FROM branches b LEFT JOIN rollup_branches r ON r.branch_id = b.id
       WHERE b.complete_until IS NOT NULL AND ($1::text[] IS NULL OR b.id = ANY($1::text[]))
         AND (r.branch_id IS NULL OR r.published_seq < b.stored_through OR r.published_until <> b.complete_until)
       ORDER BY b.id`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Publishes the branches of `ids` (or all) that are behind; resolves when they are current. */
  async bringUpToDate(ids: string[] | null = null): Promise<void> {
    for (const id of await this.behind(ids)) {
      const published = await publishRollups(this.sql, await this.replicas.current(id));
      if (published?.closedChanged) this.regionsBehind = true;
    }
  }

  /**
   * One background round: every branch published, then the region sums brought up to them. True when it looked at
   * the region sums (they may have been behind), false when nothing since the last look could have changed them.
   */
  async round(): Promise<boolean> {
    await this.bringUpToDate();
    if (!this.regionsBehind) return false;
    this.regionsBehind = false;
    if (!(await refreshRegionRollups(this.sql))) this.regionsBehind = true;
    return true;
  }

  /** Publishes in the background every `everyMs` after the previous round ended. */
  start(everyMs: number): void {
    const tick = () => {
      this.timer = null;
      this.running = this.round()
        .catch(this.onError)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, everyMs).unref();
        });
    };
    this.timer = setTimeout(tick, everyMs).unref();
  }

  /** Stops the background rounds and waits for one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
