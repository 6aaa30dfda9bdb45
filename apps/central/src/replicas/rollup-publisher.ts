import { addDays, businessDayOf } from '@rinda/shared';
import {
  businessDayBounds,
  computeDayPartials,
  dayPartials,
  emptyPartial,
  encodePartial,
  firstDayWithData,
  mergePartial,
  monthSegments,
  MONTH_DIMS,
  periodPartials,
  reportSettings,
  rollupsWrittenTo,
  settingsSignature,
  type RollupDeps,
} from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import type { BranchReplica } from './branch-replica';
import { BRANCH_ROLLUPS, insertGroups, type GroupRow } from './rollup-rows';

export interface Publication {
  /** Periods (re)written: closed days and months built or copied, and the open day. */
  periods: number;
  /** Whether a closed day or month was (re)written or dropped: only then can a region's sums be behind. */
  closedChanged: boolean;
}

/**
 * Brings head office's roll-ups of one branch (migration 020) up to what head office holds of it, as of its
 * complete_until: every closed business day from the branch's first data on and every whole closed month, built
 * once by the branch's own roll-up code on the replica (which keeps them in its SQLite file as a branch does) and
 * copied to PostgreSQL, plus the day still open at complete_until. A published day whose roll-up the replica no
 * longer holds was dropped by the branch's own trigger (migration 042: a late event of one of its tickets), so it
 * is built and copied again, with its month. Runs exclusively on the replica; nothing to do returns null.
 */
export function publishRollups(sql: Sql, replica: BranchReplica): Promise<Publication | null> {
  return replica.exclusive(async () => {
    // complete_until first, then the records: the replica then holds at least every record up to it.
    const [branch] = await sql.query<{ complete_until: number | null }>('SELECT complete_until FROM branches WHERE id = $1', [replica.branchId]);
    await replica.catchUpNow(sql);
    const config = replica.config();
    if (!branch || branch.complete_until === null || !config) return null;
    const now = branch.complete_until;
    const settings = reportSettings(config);
    const signature = settingsSignature(settings);
    const [state] = await sql.query<{ signature: string; published_seq: number; published_until: number }>(
      'SELECT signature, published_seq, published_until FROM rollup_branches WHERE branch_id = $1',
      [replica.branchId],
    );
    if (state && state.signature === signature && state.published_seq === replica.appliedThrough && state.published_until === now) return null;

    // A change of the settings the figures depend on makes every stored period stale, as at the branch.
    const settingsChanged = state !== undefined && state.signature !== signature;
    const published = settingsChanged
      ? new Set<string>()
      : new Set((await sql.query<{ period: string }>('SELECT period FROM rollup_periods WHERE branch_id = $1 AND closed', [replica.branchId])).map((r) => r.period));
    const inReplica = new Set(replica.db.prepare('SELECT business_day FROM report_rollup_days').pluck().all() as string[]);
    const current = (period: string) => published.has(period) && inReplica.has(period);

    const deps: RollupDeps = { readDb: replica.db, writeRollups: rollupsWrittenTo(replica.db), settings: () => settings, now: () => now };
    const firstData = firstDayWithData(replica.db, settings);
    const today = businessDayOf(now, settings.timeZone, settings.dayStart);
    const days: string[] = [];
    const months: string[] = [];
    if (firstData !== null && firstData < today) {
      const yesterday = addDays(today, -1);
      // Every day before today is closed at `now`; runs of consecutive days are rolled up together.
      for (let day = firstData; day <= yesterday; day = addDays(day, 1)) if (!current(day)) days.push(day);
      for (const [from, to] of runsOf(days)) await dayPartials(deps, from, to, 'total');
      // Whole months up to yesterday, from the month of the first data (earlier months hold no data: a report
      // computes their observed hours itself, as the branch does for days before its first ticket).
      for (const s of monthSegments(`${firstData.slice(0, 7)}-01`, yesterday)) {
        if (!s.whole || current(s.month)) continue;
        await periodPartials(deps, s.from, s.to, 'total', true);
        months.push(s.month);
      }
    }

    const rows = copyRollups(replica, [...days, ...months]);
    const open = firstData !== null && today >= firstData;
    if (open) {
      const partials = computeDayPartials(replica.db, { bounds: businessDayBounds(today, settings.dayStart, settings.timeZone), horizon: now, closed: false, settings });
      for (const dim of MONTH_DIMS) for (const [key, p] of partials[dim]) rows.push({ period: today, dim, key, data: encodePartial(p) });
    }
    const services = config.services.map((s) => ({ id: s.id, targetWaitMin: s.targetWaitMin, goalPercent: s.goalPercent }));
    await sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO rollup_branches (branch_id, signature, published_seq, published_until, first_data_day, settings, services)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (branch_id) DO UPDATE SET signature = excluded.signature, published_seq = excluded.published_seq,
           published_until = excluded.published_until, first_data_day = excluded.first_data_day, settings = excluded.settings, services = excluded.services`,
        [replica.branchId, signature, replica.appliedThrough, now, firstData, JSON.stringify(settings), JSON.stringify(services)],
      );
      const replaced = [...days, ...months, ...(open ? [today] : [])];
      await tx.query(
        `DELETE FROM rollup_periods WHERE branch_id = $1 AND ($2::boolean OR NOT closed OR period = ANY($3::text[]))`,
        [replica.branchId, settingsChanged, replaced],
      );
      // Region sums holding this branch's replaced periods are stale (after the delete above, which waits for a
      // region sum being built from them: region-rollups.ts locks the periods it reads).
      await tx.query('DELETE FROM rollup_region_periods WHERE $1 = ANY(branches) AND ($2::boolean OR period = ANY($3::text[]))', [
        replica.branchId,
        settingsChanged,
        replaced,
      ]);
      await tx.query(
        'INSERT INTO rollup_periods (branch_id, period, closed) SELECT $1, p, p <> $3 FROM unnest($2::text[]) AS p',
        [replica.branchId, replaced, open ? today : ''],
      );
      await insertGroups(tx, BRANCH_ROLLUPS, replica.branchId, rows);
    });
    return { periods: days.length + months.length + (open ? 1 : 0), closedChanged: settingsChanged || days.length + months.length > 0 };
  });
}

/** Consecutive days as [first, last] runs. */
function runsOf(days: string[]): [string, string][] {
  const runs: [string, string][] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** The replica's stored roll-up rows of the report groupings for these periods, as they are stored. */
function copyRollups(replica: BranchReplica, periods: string[]): GroupRow[] {
  if (periods.length === 0) return [];
  const stored = replica.db
    .prepare(
      `SELECT business_day AS period, dim, key, data FROM report_rollups
       WHERE dim IN (SELECT value FROM json_each(@dims)) AND business_day IN (SELECT value FROM json_each(@periods))`,
    )
    .all({ dims: JSON.stringify(MONTH_DIMS), periods: JSON.stringify(periods) }) as { period: string; dim: string; key: string; data: Buffer | string }[];
  return stored.map((r) => ({ ...r, data: typeof r.data === 'string' ? reencode(JSON.parse(r.data) as Record<string, number | number[]>) : r.data }));
}

/** A roll-up row in the branch's first format (JSON) as the current binary one. */
function reencode(json: Record<string, number | number[]>): Uint8Array {
  const p = emptyPartial();
  mergePartial(p, json);
  return encodePartial(p);
}
