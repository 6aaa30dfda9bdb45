import { CENTRAL_REPORT_GROUP_BYS, type CentralGroupBy, type CentralReportQuery, type CentralReportReply, type CentralReportName, type GroupBy } from '@rinda/shared';
import { buildRows, dimOf, emptyPartial, mergeGroups, mergePartial, periodPartials, REPORT_COLUMNS, REPORT_HISTOGRAMS, reportSettings, type ReportPartial, type ServiceTarget } from '@rinda/server/replay';
import type { Sql } from '../db/sql';
import type { ReplicaSet } from '../replicas/replica-set';

export type ReportOutcome = { ok: true; data: CentralReportReply } | { ok: false; code: 'BAD_REQUEST'; message: string };

interface BranchRow {
  id: string;
  region: string;
  complete_until: number | null;
}

/**
 * A branch report over a set of branches (docs/REPORTS.md, "Head office"). Each branch's figures come from its
 * replica through the branch's own roll-ups, as of the moment head office holds all its events (complete_until):
 * a branch offline since Monday reports through Monday until it has caught up. Additive partials are merged
 * across branches and only then turned into rates and percentiles, as the branch merges days.
 */
export async function crossBranchReport(sql: Sql, replicas: ReplicaSet, name: CentralReportName, q: CentralReportQuery): Promise<ReportOutcome> {
  if (!CENTRAL_REPORT_GROUP_BYS[name].includes(q.groupBy))
    return { ok: false, code: 'BAD_REQUEST', message: `The ${name} report groups by ${CENTRAL_REPORT_GROUP_BYS[name].join(', ')}` };
  const branches = await sql.query<BranchRow>(
    `SELECT id, region, complete_until FROM branches
     WHERE ($1::text[] IS NULL OR id = ANY($1::text[])) AND ($2::text IS NULL OR region = $2) ORDER BY id`,
    [q.branches ?? null, q.region ?? null],
  );
  const histograms = REPORT_HISTOGRAMS[name];
  const byBranch = q.groupBy === 'branch' || q.groupBy === 'region';
  const groups = new Map<string, ReportPartial>();
  const targets = new Map<string, ServiceTarget | null>();
  for (const branch of branches) {
    if (branch.complete_until === null) continue;
    const replica = await replicas.current(branch.id);
    const config = replica.config();
    if (!config) continue;
    for (const s of config.services) {
      const mine = { targetWaitMin: s.targetWaitMin, goalPercent: s.goalPercent };
      const seen = targets.get(s.id);
      // Branches that disagree on a service's target get no target column for it.
      targets.set(s.id, seen === undefined || (seen && seen.targetWaitMin === mine.targetWaitMin && seen.goalPercent === mine.goalPercent) ? mine : null);
    }
    const now = branch.complete_until;
    const byDay = q.groupBy === 'day' || q.groupBy === 'weekday';
    const deps = { readDb: replica.db, writeDb: replica.db, settings: () => reportSettings(config), now: () => now };
    const periods = await periodPartials(deps, q.from, q.to, byBranch ? 'total' : dimOf(q.groupBy as GroupBy), !byDay);
    const merged = mergeGroups(periods, byBranch ? 'service' : (q.groupBy as GroupBy), histograms);
    for (const [key, partial] of merged) {
      const group = q.groupBy === 'branch' ? branch.id : q.groupBy === 'region' ? branch.region : key;
      let acc = groups.get(group);
      if (!acc) groups.set(group, (acc = emptyPartial(histograms)));
      mergePartial(acc, partial);
    }
  }
  const serviceTargets = Object.fromEntries([...targets].filter((e): e is [string, ServiceTarget] => e[1] !== null));
  return {
    ok: true,
    data: {
      report: name,
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      branches: branches.filter((b) => b.complete_until !== null).map((b) => b.id),
      columns: REPORT_COLUMNS[name],
      rows: buildRows(name, rowsGrouping(q.groupBy), groups, serviceTargets),
    },
  };
}

/** buildRows only needs to know whether groups are services (for targets); branch and region groups are not. */
function rowsGrouping(groupBy: CentralGroupBy): GroupBy {
  return groupBy === 'branch' || groupBy === 'region' ? 'day' : groupBy;
}
