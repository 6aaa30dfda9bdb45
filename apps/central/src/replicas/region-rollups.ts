import { emptyPartial, encodePartial, mergePartial, type ReportPartial } from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import { insertGroups, REGION_ROLLUPS } from './rollup-rows';

export interface RegionPeriod {
  region: string;
  period: string;
  /** The branches of the region holding the period closed, sorted: what its sum is made of. */
  branches: string[];
}

/**
 * Region periods (migration 040) missing, or summing other branches than those of the region now holding the
 * period closed (a branch published it since, joined the region or left it).
 */
export function staleRegionPeriods(sql: Sql): Promise<RegionPeriod[]> {
  return sql.query<RegionPeriod>(
    `SELECT w.region, w.period, w.branches FROM (
       SELECT b.region, p.period, array_agg(p.branch_id ORDER BY p.branch_id) AS branches
       FROM rollup_periods p JOIN branches b ON b.id = p.branch_id WHERE p.closed GROUP BY b.region, p.period
     ) w LEFT JOIN rollup_region_periods r ON r.region = w.region AND r.period = w.period
     WHERE r.branches IS DISTINCT FROM w.branches ORDER BY w.region, w.period`,
  );
}

/**
 * Sums each stale region period from its branches' roll-ups; returns false when one could not be built because a
 * publication replaced one of its branches' periods meanwhile (the next round builds it). Region periods that no
 * branch holds any more are dropped.
 */
export async function refreshRegionRollups(sql: Sql): Promise<boolean> {
  await sql.query(
    `DELETE FROM rollup_region_periods r WHERE NOT EXISTS (
       SELECT 1 FROM rollup_periods p JOIN branches b ON b.id = p.branch_id WHERE p.closed AND p.period = r.period AND b.region = r.region)`,
  );
  let complete = true;
  for (const stale of await staleRegionPeriods(sql)) complete = (await buildRegionPeriod(sql, stale)) && complete;
  return complete;
}

/** One region period, summed group by group from its branches' rows of that period, as merging them in a report would. */
async function buildRegionPeriod(sql: Sql, { region, period, branches }: RegionPeriod): Promise<boolean> {
  return sql.transaction(async (tx) => {
    // Locked for the transaction: a publication replacing one of these periods waits, then drops this sum.
    const locked = await tx.query('SELECT branch_id FROM rollup_periods WHERE branch_id = ANY($1::text[]) AND period = $2 AND closed FOR SHARE', [branches, period]);
    if (locked.length !== branches.length) return false;
    const rows = await tx.query<{ dim: string; key: string; data: string }>(
      "SELECT dim, key, encode(data, 'base64') AS data FROM rollup_groups WHERE branch_id = ANY($1::text[]) AND period = $2",
      [branches, period],
    );
    const sums = new Map<string, { dim: string; key: string; partial: ReportPartial }>();
    for (const r of rows) {
      const id = `${r.dim}\u0000${r.key}`;
      let sum = sums.get(id);
      if (!sum) sums.set(id, (sum = { dim: r.dim, key: r.key, partial: emptyPartial() }));
      mergePartial(sum.partial, Buffer.from(r.data, 'base64'));
    }
    await tx.query('DELETE FROM rollup_region_periods WHERE region = $1 AND period = $2', [region, period]);
    await tx.query('INSERT INTO rollup_region_periods (region, period, branches) VALUES ($1, $2, $3)', [region, period, branches]);
    await insertGroups(tx, REGION_ROLLUPS, region, [...sums.values()].map((s) => ({ period, dim: s.dim, key: s.key, data: encodePartial(s.partial) })));
    return true;
  });
}
