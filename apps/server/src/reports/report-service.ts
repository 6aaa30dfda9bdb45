import { addDays, businessDayOf, type BranchConfig, type GroupBy, type ReportName, type ReportTable } from '@rinda/shared';
import type { Database } from 'better-sqlite3';
import { buildRows, dimOf, encodeReport, mergeGroups, REPORT_COLUMNS, REPORT_HISTOGRAMS, type EncodedReport, type GroupNames, type ReportFormat } from './report-definitions';
import { reportSettings } from './report-settings';
import { convertJsonDays, periodPartials } from './rollup-store';
import type { RollupSink } from './rollup-writes';

export interface ReportServiceDeps {
  readDb: Database;
  /** Where the roll-ups a report builds are stored (rollup-writes.ts). */
  writeRollups: RollupSink;
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
  // Day and weekday groupings need each day; the others may read whole closed months at once.
  const byDay = q.groupBy === 'day' || q.groupBy === 'weekday';
  const periods = await periodPartials(
    { readDb: deps.readDb, writeRollups: deps.writeRollups, settings: () => reportSettings(config), now: deps.now },
    q.from,
    q.to,
    dimOf(q.groupBy),
    !byDay,
  );
  const targets = Object.fromEntries(config.services.map((s) => [s.id, { targetWaitMin: s.targetWaitMin, goalPercent: s.goalPercent }]));
  return {
    report: q.name,
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    columns: REPORT_COLUMNS[q.name],
    rows: buildRows(q.name, q.groupBy, mergeGroups(periods, q.groupBy, REPORT_HISTOGRAMS[q.name]), targets),
  };
}

/** A report encoded for the HTTP reply; CSV also names the groups (wherever it is computed: worker or thread). */
export async function encodedReport(deps: ReportServiceDeps, q: ReportQuery, format: ReportFormat): Promise<EncodedReport> {
  const table = await runReport(deps, q);
  return encodeReport(table, format, format === 'csv' ? groupNames(deps, q.groupBy) : null);
}

/**
 * The names the manager's screen shows for service, counter and teller ids: services in the branch's staff
 * language, counters by their name, tellers by their user's name. Other groupings (hour, day) read as they are.
 */
export function groupNames(deps: ReportServiceDeps, groupBy: GroupBy): GroupNames | null {
  const config = deps.config();
  switch (groupBy) {
    case 'service':
      return new Map(config.services.map((s) => [s.id, s.names[config.branch.staffLanguage]]));
    case 'counter':
      return new Map(config.counters.map((c) => [c.id, c.name]));
    case 'teller':
      return new Map((deps.readDb.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]));
    default:
      return null;
  }
}

/** How far back the server rolls up closed days and months ahead of the first report that needs them. */
const WARM_UP_DAYS = 400;

/**
 * Rolls up the closed business days and months of the last year ahead of the first report that needs them,
 * and rewrites day roll-ups stored as JSON by an earlier version in the faster format.
 */
export async function warmUpRollups(deps: ReportServiceDeps): Promise<null> {
  const settings = reportSettings(deps.config());
  const today = businessDayOf(deps.now(), settings.timeZone, settings.dayStart);
  const first = (deps.readDb.prepare('SELECT min(business_day) AS day FROM tickets').get() as { day: string | null }).day;
  if (first === null || first >= today) return null;
  const from = [first, addDays(today, -WARM_UP_DAYS)].sort()[1]!;
  await periodPartials({ readDb: deps.readDb, writeRollups: deps.writeRollups, settings: () => settings, now: deps.now }, from, addDays(today, -1), 'service', true);
  await convertJsonDays(deps);
  return null;
}
