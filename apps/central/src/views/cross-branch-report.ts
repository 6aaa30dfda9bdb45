import { CENTRAL_REPORT_GROUP_BYS, type CentralGroupBy, type CentralReportQuery, type CentralReportReply, type CentralReportName, type GroupBy } from '@rinda/shared';
import { buildRows, dimOf, emptyPartial, mergeGroups, mergePartial, REPORT_COLUMNS, REPORT_HISTOGRAMS, type Dim, type LoadedGroups, type ReportPartial, type ServiceTarget } from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import type { RollupMaintainer } from '../replicas/rollup-maintainer';
import { planPeriods, type PublishedBranch } from './report-periods';

export type ReportOutcome = { ok: true; data: CentralReportReply } | { ok: false; code: 'BAD_REQUEST'; message: string };

interface BranchRow extends PublishedBranch {
  id: string;
  region: string;
  services: { id: string; targetWaitMin: number; goalPercent: number }[];
}

/**
 * A branch report over a set of branches (docs/REPORTS.md, "Head office"), read from head office's roll-ups in
 * PostgreSQL (migration 020): per branch, whole closed months and closed days as the branch rolled them up, and
 * the day open at its complete_until, so a year across 100 branches reads a few thousand pre-aggregated rows,
 * never a ticket. Each branch counts up to the moment head office holds all its events (complete_until): a branch
 * offline since Monday reports through Monday until it has caught up. Additive partials are merged across
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
  const stored = await readGroups(sql, dim, branches, plans.map((p) => p.stored), histograms.length > 0);

  const groups = new Map<string, ReportPartial>();
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
    // A branch's groups are the report's groups, merged straight into them; by branch or region its one total
    // group goes into its branch's or region's.
    if (!byBranch) return void mergeGroups(periods, q.groupBy as GroupBy, histograms, groups);
    for (const partial of mergeGroups(periods, 'service', histograms).values()) {
      const group = q.groupBy === 'branch' ? branch.id : branch.region;
      let acc = groups.get(group);
      if (!acc) groups.set(group, (acc = emptyPartial(histograms)));
      mergePartial(acc, partial);
    }
  });
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

/** Branches read per query: a year across 100 branches is read in four queries at once (two cores: PostgreSQL
 * encodes one reply while this process decodes another). */
const BRANCHES_PER_QUERY = 25;

/**
 * The stored groups of one dimension for each branch's periods: branch → period → key → data. `withHistograms`
 * false reads the figures without histograms (a third of the bytes), for reports that derive nothing from them.
 */
async function readGroups(sql: Sql, dim: Dim, branches: BranchRow[], periods: string[][], withHistograms: boolean): Promise<Map<string, Map<string, LoadedGroups>>> {
  const out = new Map<string, Map<string, LoadedGroups>>();
  // Each wanted period starts empty: a stored day may hold no group of this dimension (no ticket that day).
  branches.forEach((b, i) => out.set(b.id, new Map(periods[i]!.map((p) => [p, new Map()]))));
  const chunks: number[][] = [];
  for (let i = 0; i < branches.length; i += BRANCHES_PER_QUERY) chunks.push(Array.from({ length: Math.min(BRANCHES_PER_QUERY, branches.length - i) }, (_, k) => i + k));
  await Promise.all(
    chunks.map(async (chunk) => {
      const wanted = [...new Set(chunk.flatMap((i) => periods[i]!))];
      if (wanted.length === 0) return;
      // Both lists as index conditions on the primary key (branch_id, period, dim, key): one probe per pair, never
      // a scan of the table. A branch is probed for every period any branch of the chunk wants; periods it lacks
      // find nothing. The data travels as base64 text: PGlite parses bytea byte by byte in JavaScript (ten times slower).
      const rows = await sql.query<{ branch_id: string; period: string; key: string; data: string }>(
        `SELECT branch_id, period, key, encode(${withHistograms ? 'data' : 'figures'}, 'base64') AS data FROM rollup_groups
         WHERE branch_id = ANY($1::text[]) AND period = ANY($2::text[]) AND dim = $3`,
        [chunk.map((i) => branches[i]!.id), wanted, dim],
      );
      for (const r of rows) out.get(r.branch_id)?.get(r.period)?.set(r.key, Buffer.from(r.data, 'base64'));
    }),
  );
  return out;
}

/** buildRows only needs to know whether groups are services (for targets); branch and region groups are not. */
function rowsGrouping(groupBy: CentralGroupBy): GroupBy {
  return groupBy === 'branch' || groupBy === 'region' ? 'day' : groupBy;
}
