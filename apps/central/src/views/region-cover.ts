import type { Sql } from '../db/sql';

/** Which roll-ups a report reads: each branch's own for some periods, each region's sums for others. */
export interface RollupReads {
  /** Per branch, in the report's order: the stored periods read from its own roll-ups. */
  branchPeriods: string[][];
  /** Per region: the periods read from its sums. */
  regionPeriods: Map<string, string[]>;
  /** The builds of the sums read (region, period → build): see stillCurrent. */
  builds: Map<string, string>;
}

/** Every stored period from the branches' own roll-ups. */
export function ownRollupsOnly(plans: { stored: string[] }[]): RollupReads {
  return { branchPeriods: plans.map((p) => p.stored), regionPeriods: new Map(), builds: new Map() };
}

/**
 * Reads a region's sum of a period instead of its branches' rows when the sum holds exactly the branches of that
 * region the report would read the period from (each branch's `stored` periods, as planned): never a branch
 * outside the selection, one that is behind (whose plan reads days where the others read the month) or one
 * missing from the sum. Anything else is read branch by branch: the same figures, more rows.
 */
export async function coverByRegions(sql: Sql, branches: { id: string; region: string }[], stored: string[][]): Promise<RollupReads> {
  const wanted = new Map<string, Map<string, Set<string>>>();
  branches.forEach((b, i) => {
    let periods = wanted.get(b.region);
    if (!periods) wanted.set(b.region, (periods = new Map()));
    for (const period of stored[i]!) {
      let readers = periods.get(period);
      if (!readers) periods.set(period, (readers = new Set()));
      readers.add(b.id);
    }
  });
  const sums = await sql.query<{ region: string; period: string; branches: string[]; build: string | number }>(
    'SELECT region, period, branches, build FROM rollup_region_periods WHERE region = ANY($1::text[])',
    [[...wanted.keys()]],
  );
  const covered = new Map<string, Set<string>>();
  const builds = new Map<string, string>();
  for (const sum of sums) {
    const readers = wanted.get(sum.region)?.get(sum.period);
    if (!readers || readers.size !== sum.branches.length || !sum.branches.every((id) => readers.has(id))) continue;
    let periods = covered.get(sum.region);
    if (!periods) covered.set(sum.region, (periods = new Set()));
    periods.add(sum.period);
    builds.set(sumId(sum.region, sum.period), String(sum.build));
  }
  return {
    branchPeriods: branches.map((b, i) => stored[i]!.filter((p) => !covered.get(b.region)?.has(p))),
    regionPeriods: new Map([...covered].map(([region, periods]) => [region, [...periods]])),
    builds,
  };
}

/**
 * Whether the sums chosen are still there, as built when chosen. Choosing and reading are separate statements: a
 * publication in between (a late event) may drop a sum, whose rows would then read as an empty period, and the
 * next round may build it again; the report is then read again.
 */
export async function stillCurrent(sql: Sql, reads: RollupReads): Promise<boolean> {
  if (reads.builds.size === 0) return true;
  const now = await sql.query<{ region: string; period: string; build: string | number }>(
    'SELECT region, period, build FROM rollup_region_periods WHERE region = ANY($1::text[])',
    [[...reads.regionPeriods.keys()]],
  );
  const current = new Map(now.map((s) => [sumId(s.region, s.period), String(s.build)]));
  return [...reads.builds].every(([id, build]) => current.get(id) === build);
}

const sumId = (region: string, period: string) => `${region}\u0000${period}`;
