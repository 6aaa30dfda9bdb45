import { CENTRAL_REPORT_GROUP_BYS, type CentralGroupBy, type CentralReportQuery, type CentralReportReply, type CentralReportName, type GroupBy } from '@rinda/shared';
import { buildRows, dimOf, emptyPartial, mergeGroups, mergePartial, REPORT_COLUMNS, REPORT_HISTOGRAMS, type Dim, type LoadedGroups, type ReportPartial, type ServiceTarget } from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import type { RollupMaintainer } from '../replicas/rollup-maintainer';
import { BRANCH_ROLLUPS, REGION_ROLLUPS, type RollupTable } from '../replicas/rollup-rows';
import { coverByRegions, ownRollupsOnly, stillCurrent } from './region-cover';
import { planPeriods, type PeriodPlan, type PublishedBranch } from './report-periods';

export type ReportOutcome = { ok: true; data: CentralReportReply } | { ok: false; code: 'BAD_REQUEST'; message: string };

interface BranchRow extends PublishedBranch {
  id: string;
  region: string;
  services: { id: string; targetWaitMin: number; goalPercent: number }[];
}

/**
 * A branch report over a set of branches (docs/REPORTS.md, "Head office"), read from head office's roll-ups in
 * PostgreSQL (migration 020): per branch, whole closed months and closed days as the branch rolled them up, and
 * the day open at its complete_until, never a ticket; the closed periods of whole regions from the regions' sums
 * (migration 040), so a year across 100 branches in 4 regions reads a few hundred rows per group. Each branch
 * counts up to the moment head office holds all its events (complete_until): a branch offline since Monday reports through Monday until it has caught up. Additive partials are merged across
 * branches and only then turned into rates and percentiles, as the branch merges days.
 */
export async function crossBranchReport(sql: Sql, rollups: RollupMaintainer, name: CentralReportName, q: CentralReportQuery): Promise<ReportOutcome> {
  if (!CENTRAL_REPORT_GROUP_BYS[name].includes(q.groupBy))
    return { ok: false, code: 'BAD_REQUEST', message: `The ${name} report groups by ${CENTRAL_REPORT_GROUP_BYS[name].join(', ')}` };
  const selected = await sql.query<{ id: string }>(
    `SELECT id FROM branches WHERE complete_until IS NOT NULL
       AND ($1::text[] IS NULL OR id = ANY($1::text[])) AND ($2::text IS NULL OR region = $2)`,
    [q.branches ?? null, q.region ?? null],
  );
  // Normally the maintainer has published every branch already; a report never reads roll-ups behind what is stored.
  await rollups.bringUpToDate(selected.map((b) => b.id));
  const branches = await sql.query<BranchRow>(
    `SELECT b.id, b.region, r.published_until AS now, r.first_data_day AS "firstDataDay", r.settings, r.services
     FROM rollup_branches r JOIN branches b ON b.id = r.branch_id WHERE r.branch_id = ANY($1::text[]) ORDER BY b.id`,
    [selected.map((b) => b.id)],
  );

  const byBranch = q.groupBy === 'branch' || q.groupBy === 'region';
  const byDay = q.groupBy === 'day' || q.groupBy === 'weekday';
  const dim: Dim = byBranch ? 'total' : dimOf(q.groupBy as GroupBy);
  const plans = branches.map((b) => planPeriods(b, q.from, q.to, dim, !byDay));
  const histograms = REPORT_HISTOGRAMS[name];
  const { stored, regional } = await readRollups(sql, q.groupBy === 'branch', dim, branches, plans, histograms.length > 0);

  const groups = new Map<string, ReportPartial>();
  // An owner's (branch's or region's) groups are the report's groups, merged straight into them; by branch or
  // region its one total group goes into its branch's or region's.
  const add = (periods: Map<string, LoadedGroups>, group: string) => {
    if (!byBranch) return void mergeGroups(periods, q.groupBy as GroupBy, histograms, groups);
    for (const partial of mergeGroups(periods, 'service', histograms).values()) {
      let acc = groups.get(group);
      if (!acc) groups.set(group, (acc = emptyPartial(histograms)));
      mergePartial(acc, partial);
    }
  };
  const targets = new Map<string, ServiceTarget | null>();
  branches.forEach((branch, i) => {
    for (const s of branch.services) {
      const mine = { targetWaitMin: s.targetWaitMin, goalPercent: s.goalPercent };
      const seen = targets.get(s.id);
      // Branches that disagree on a service's target get no target column for it.
      targets.set(s.id, seen === undefined || (seen && seen.targetWaitMin === mine.targetWaitMin && seen.goalPercent === mine.goalPercent) ? mine : null);
    }
    const periods = stored.get(branch.id) ?? new Map<string, LoadedGroups>();
    for (const [period, computed] of plans[i]!.computed) periods.set(period, computed);
    add(periods, q.groupBy === 'branch' ? branch.id : branch.region);
  });
  for (const [region, periods] of regional) add(periods, region);
  const serviceTargets = Object.fromEntries([...targets].filter((e): e is [string, ServiceTarget] => e[1] !== null));
  return {
    ok: true,
    data: {
      report: name,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      branches: branches.map((b) => b.id),
      columns: REPORT_COLUMNS[name],
      rows: buildRows(name, rowsGrouping(q.groupBy), groups, serviceTargets),
    },
  };
}

/** Reads tried with region sums before a report reads every branch's own roll-ups instead. */
const REGION_ATTEMPTS = 3;

/**
 * The stored groups a report merges: each branch's own (branch → period → key → data) and, unless `byBranch`, each
 * region's sums for the periods they cover (region → period → key → data), read again if a sum changed meanwhile.
 */
async function readRollups(sql: Sql, byBranch: boolean, dim: Dim, branches: BranchRow[], plans: PeriodPlan[], withHistograms: boolean) {
  for (let attempt = 1; ; attempt++) {
    const read = byBranch || attempt > REGION_ATTEMPTS ? ownRollupsOnly(plans) : await coverByRegions(sql, branches, plans.map((p) => p.stored));
    const [stored, regional] = await Promise.all([
      readGroups(sql, BRANCH_ROLLUPS, dim, branches.map((b, i) => ({ owner: b.id, periods: read.branchPeriods[i]! })), withHistograms),
      readGroups(sql, REGION_ROLLUPS, dim, [...read.regionPeriods].map(([owner, periods]) => ({ owner, periods })), withHistograms),
    ]);
    if (await stillCurrent(sql, read)) return { stored, regional };
  }
}

/** Owners (branches or regions) read per query: a year across 100 branches is read in four queries at once (two
 * cores: PostgreSQL encodes one reply while this process decodes another). */
const OWNERS_PER_QUERY = 25;

/**
 * The stored groups of one dimension for each owner's periods: owner → period → key → data. `withHistograms`
 * false reads the figures without histograms (a third of the bytes), for reports that derive nothing from them.
 */
async function readGroups(
  sql: Sql,
  source: RollupTable,
  dim: Dim,
  owners: { owner: string; periods: string[] }[],
  withHistograms: boolean,
): Promise<Map<string, Map<string, LoadedGroups>>> {
  const out = new Map<string, Map<string, LoadedGroups>>();
  // Each wanted period starts empty: a stored day may hold no group of this dimension (no ticket that day).
  for (const o of owners) out.set(o.owner, new Map(o.periods.map((p) => [p, new Map()])));
  const chunks: (typeof owners)[] = [];
  for (let i = 0; i < owners.length; i += OWNERS_PER_QUERY) chunks.push(owners.slice(i, i + OWNERS_PER_QUERY));
  await Promise.all(
    chunks.map(async (chunk) => {
      const wanted = [...new Set(chunk.flatMap((o) => o.periods))];
      if (wanted.length === 0) return;
      // Both lists as index conditions on the primary key (owner, period, dim, key): one probe per pair, never
      // a scan of the table. An owner is probed for every period any owner of the chunk wants; periods it lacks
      // find nothing, and periods it has but does not want are dropped below. The data travels as base64 text:
      // PGlite parses bytea byte by byte in JavaScript (ten times slower).
      const rows = await sql.query<{ owner: string; period: string; key: string; data: string }>(
        `SELECT ${source.owner} AS owner, period, key, encode(${withHistograms ? 'data' : 'figures'}, 'base64') AS data FROM ${source.table}
         WHERE ${source.owner} = ANY($1::text[]) AND period = ANY($2::text[]) AND dim = $3`,
        [chunk.map((o) => o.owner), wanted, dim],
      );
      for (const r of rows) out.get(r.owner)?.get(r.period)?.set(r.key, Buffer.from(r.data, 'base64'));
    }),
  );
  return out;
}

/** buildRows only needs to know whether groups are services (for targets); branch and region groups are not. */
function rowsGrouping(groupBy: CentralGroupBy): GroupBy {
  return groupBy === 'branch' || groupBy === 'region' ? 'day' : groupBy;
}
