import type { BranchConfig } from '@rinda/shared';
import type { Database } from 'better-sqlite3';
import { buildRows, dimOf, mergeGroups, REPORT_COLUMNS, type GroupBy, type ReportName, type ReportTable } from './report-definitions';
import { reportSettings } from './report-settings';
import { dayPartials } from './rollup-store';

export interface ReportServiceDeps {
  readDb: Database;
  writeDb: Database;
  config: () => BranchConfig;
  now: () => number;
}

export interface ReportQuery {
  name: ReportName;
  from: string;
  to: string;
  groupBy: GroupBy;
}

/** One report over the tickets issued in business days [from, to] of the branch's zone. */
export async function runReport(deps: ReportServiceDeps, q: ReportQuery): Promise<ReportTable> {
  const config = deps.config();
  const days = await dayPartials(
    { readDb: deps.readDb, writeDb: deps.writeDb, settings: () => reportSettings(config), now: deps.now },
    q.from,
    q.to,
    dimOf(q.groupBy),
  );
  const targets = Object.fromEntries(config.services.map((s) => [s.id, { targetWaitMin: s.targetWaitMin, goalPercent: s.goalPercent }]));
  return {
    report: q.name,
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    columns: REPORT_COLUMNS[q.name],
    rows: buildRows(q.name, q.groupBy, mergeGroups(days, q.groupBy), targets),
  };
}
