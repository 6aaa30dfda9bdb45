import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, businessDayStart, demoBranchConfig, GROUP_BYS, parseClockTime, REPORT_GROUP_BYS, REPORT_NAMES, type DomainEvent, type ReportTable } from '@rinda/shared';
import { openDatabase, type Db } from '../db/database';
import { csvCell, toCsv } from './report-definitions';
import { runReport, warmUpRollups, type ReportServiceDeps } from './report-service';
import { reportSettings, settingsSignature } from './report-settings';
import { rollupsWrittenTo } from './rollup-writes';
import { asFormatOneJson } from './test-support/format-one-rollup';
import { generateHistory } from './test-support/generate-history';
import { referenceReport } from './test-support/reference-figures';
import { historyWriter, type HistoryWriter } from './test-support/write-history';

const config = demoBranchConfig;
const tz = config.branch.timeZone;
/** The instant a wall-clock time first occurs on a date in the branch's zone (in a DST gap: at the jump). */
const localAt = (date: string, clock: string) => businessDayStart(date, tz, parseClockTime(clock));
// Friday, Saturday and the Sunday Riga moves its clocks forward (a 23-hour business day).
const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29'];
const history = generateHistory(config, DAYS, localAt);

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function branchWith(events: DomainEvent[], now: number): { db: Db; deps: ReportServiceDeps; writer: HistoryWriter } {
  dir = mkdtempSync(join(tmpdir(), 'rinda-reports-'));
  const file = join(dir, 'branch.db');
  const db = openDatabase(file);
  const writer = historyWriter(db, config);
  writer.write(events);
  // Two in three served visits rated, with every score: the satisfaction reports have figures to check.
  db.prepare(`INSERT INTO ratings (ticket_id, score, comment, rated_at) SELECT id, number % 5 + 1, NULL, ended_at FROM tickets WHERE state = 'done' AND number % 3 <> 0`).run();
  const readDb = new Database(file, { readonly: true });
  return { db, writer, deps: { readDb, writeRollups: rollupsWrittenTo(db), config: () => config, now: () => now } };
}

async function expectEveryReportMatches(db: Db, deps: ReportServiceDeps, from: string, to: string): Promise<number> {
  let compared = 0;
  for (const name of REPORT_NAMES) {
    for (const groupBy of REPORT_GROUP_BYS[name]) {
      const table = await runReport(deps, { name, from, to, groupBy });
      const expected = referenceReport(db, config, name, groupBy, from, to, deps.now());
      expect({ name, groupBy, rows: table.rows }).toEqual({ name, groupBy, rows: expected });
      compared += table.rows.length;
    }
  }
  return compared;
}

/** A finish event for a ticket of `day` still called at a counter (the rules keep such tickets across days). */
function finishLate(db: Db, day: string, at: number): DomainEvent {
  const t = db.prepare("SELECT id, counter_id AS counterId, teller_id AS tellerId FROM tickets WHERE business_day = ? AND state = 'called' LIMIT 1").get(day) as
    | { id: string; counterId: string; tellerId: string }
    | undefined;
  if (!t) throw new Error(`the generated history has no ticket left at a counter on ${day}`);
  return { type: 'ticket.finished', at, ticketId: t.id, counterId: t.counterId, tellerId: t.tellerId };
}

describe('reports compute every figure of METRICS.md', () => {
  it('gives the reference figures for every report and grouping over closed days, first built and then from roll-ups', async () => {
    const now = localAt('2026-03-31', '12:00');
    const { db, deps } = branchWith(history.events, now);
    const compared = await expectEveryReportMatches(db, deps, DAYS[0]!, DAYS[2]!);
    expect(compared).toBeGreaterThan(100);
    const rolledUp = db.prepare('SELECT count(*) AS n FROM report_rollup_days').get() as { n: number };
    expect(rolledUp.n).toBe(DAYS.length);
    await expectEveryReportMatches(db, deps, DAYS[0]!, DAYS[2]!);
    await expectEveryReportMatches(db, deps, DAYS[1]!, DAYS[1]!);
  });

  it('computes the open business day live, counting only what has happened by now', async () => {
    const now = localAt(DAYS[2]!, '13:37');
    const { db, deps } = branchWith(history.events.filter((e) => e.at <= now), now);
    await expectEveryReportMatches(db, deps, DAYS[0]!, DAYS[2]!);
    const days = db.prepare('SELECT business_day AS d FROM report_rollup_days ORDER BY d').all() as { d: string }[];
    expect(days.map((d) => d.d)).toEqual([DAYS[0], DAYS[1]]);
  });

  it('drops a closed day’s roll-up when one of its tickets gets a late event, and recomputes it', async () => {
    const now = localAt('2026-03-31', '12:00');
    const { db, deps, writer } = branchWith(history.events, now);
    await expectEveryReportMatches(db, deps, DAYS[0]!, DAYS[0]!);
    // A customer still at a counter when the day ended is finished the next day: a late event of a closed day.
    writer.write([finishLate(db, DAYS[0]!, now - 1000)]);
    expect(db.prepare('SELECT count(*) AS n FROM report_rollup_days WHERE business_day = ?').get(DAYS[0])).toEqual({ n: 0 });
    await expectEveryReportMatches(db, deps, DAYS[0]!, DAYS[0]!);
  });

  it('recomputes roll-ups when a service target changes, so SL(T) uses the new T', async () => {
    const now = localAt('2026-03-31', '12:00');
    const { db, deps } = branchWith(history.events, now);
    const before = await runReport(deps, { name: 'summary', from: DAYS[0]!, to: DAYS[2]!, groupBy: 'service' });
    const stricter = { ...config, services: config.services.map((s) => ({ ...s, targetWaitMin: 2 })) };
    const after = await runReport({ ...deps, config: () => stricter }, { name: 'summary', from: DAYS[0]!, to: DAYS[2]!, groupBy: 'service' });
    const sl = (rows: typeof before.rows) => rows.map((r) => r.serviceLevelPercent as number);
    expect(sl(after.rows).reduce((a, b) => a + b, 0)).toBeLessThan(sl(before.rows).reduce((a, b) => a + b, 0));
    expect(after.rows).toEqual(referenceReport(db, stricter, 'summary', 'service', DAYS[0]!, DAYS[2]!, now));
  });

  it('writes CSV with the same columns and rows as the JSON', async () => {
    const now = localAt('2026-03-31', '12:00');
    const { deps } = branchWith(history.events, now);
    const table = await runReport(deps, { name: 'summary', from: DAYS[0]!, to: DAYS[2]!, groupBy: 'counter' });
    const lines = toCsv(table).trimEnd().split('\r\n');
    expect(lines[0]).toBe(table.columns.join(','));
    expect(lines).toHaveLength(table.rows.length + 1);
    expect(lines[1]!.split(',')).toEqual(table.columns.map((c) => (table.rows[0]![c] === null ? '' : String(table.rows[0]![c]))));
  });

  it('guards CSV cells a spreadsheet would read as formulas, in ids and names, and leaves numbers as numbers', () => {
    const table: ReportTable = {
      report: 'counters', from: '2026-03-01', to: '2026-03-01', groupBy: 'teller', columns: ['group', 'idleMin'],
      rows: ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'plain'].map((group, i) => ({ group, idleMin: -i })),
    };
    const names = new Map([['plain', '=HYPERLINK("http://x","y")'], ['=1+1', 'Anna']]);
    const lines = toCsv(table, names).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'group,groupName,idleMin',
      "'=1+1,Anna,0",
      "'+1,,-1",
      "'-1,,-2",
      "'@SUM(A1),,-3",
      "'\tx,,-4",
      `"'\rx",,-5`,
      `plain,"'=HYPERLINK(""http://x"",""y"")",-6`,
    ]);
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('reads whole closed months from month roll-ups with the same figures, and drops a month when one of its tickets changes', async () => {
    const february = Array.from({ length: 30 }, (_, i) => addDays('2026-02-01', i)); // to 3 March
    const month = generateHistory(config, february, localAt, 11, 6);
    const now = localAt('2026-03-10', '12:00');
    const { db, deps, writer } = branchWith(month.events, now);
    const from = '2026-01-30';
    const to = '2026-03-02';
    for (let run = 0; run < 2; run++) {
      for (const [name, groupBy] of [['summary', 'service'], ['summary', 'hour'], ['summary', 'teller'], ['hourly', 'hour'], ['counters', 'counter'], ['wait-histogram', 'service']] as const) {
        const table = await runReport(deps, { name, from, to, groupBy });
        expect({ name, groupBy, rows: table.rows }).toEqual({ name, groupBy, rows: referenceReport(db, config, name, groupBy, from, to, now) });
      }
    }
    expect(db.prepare("SELECT count(*) AS n FROM report_rollup_days WHERE business_day = '2026-02'").get()).toEqual({ n: 1 });
    const { day } = db.prepare("SELECT business_day AS day FROM tickets WHERE business_day LIKE '2026-02-%' AND state = 'called' LIMIT 1").get() as { day: string };
    writer.write([finishLate(db, day, now - 1000)]);
    expect(db.prepare("SELECT count(*) AS n FROM report_rollup_days WHERE business_day IN ('2026-02', ?)").get(day)).toEqual({ n: 0 });
    const table = await runReport(deps, { name: 'summary', from, to, groupBy: 'service' });
    expect(table.rows).toEqual(referenceReport(db, config, 'summary', 'service', from, to, now));
  });

  it('reads roll-ups an earlier version stored as JSON, rebuilds such months and lets the warm-up rewrite such days', async () => {
    const february = Array.from({ length: 30 }, (_, i) => addDays('2026-02-01', i)); // to 3 March
    const month = generateHistory(config, february, localAt, 11, 6);
    const now = localAt('2026-03-10', '12:00');
    const { db, deps } = branchWith(month.events, now);
    const from = '2026-01-30';
    const to = '2026-03-02';
    const cases = [['summary', 'teller'], ['summary', 'day'], ['hourly', 'hour'], ['counters', 'counter'], ['wait-histogram', 'service']] as const;
    const expectReferenceFigures = async () => {
      for (const [name, groupBy] of cases) {
        const table = await runReport(deps, { name, from, to, groupBy });
        expect({ name, groupBy, rows: table.rows }).toEqual({ name, groupBy, rows: referenceReport(db, config, name, groupBy, from, to, now) });
      }
    };
    await expectReferenceFigures();
    // As an earlier version left the file: every row JSON, months signed without a format.
    const rows = db.prepare('SELECT business_day AS day, dim, key, data FROM report_rollups').all() as { day: string; dim: string; key: string; data: Buffer }[];
    const rewrite = db.prepare('UPDATE report_rollups SET data = ? WHERE business_day = ? AND dim = ? AND key = ?');
    for (const r of rows) rewrite.run(asFormatOneJson(r.data), r.day, r.dim, r.key);
    db.prepare("UPDATE report_rollup_days SET signature = ? WHERE business_day = '2026-02'").run(settingsSignature(reportSettings(config)));
    const formats = () => db.prepare('SELECT length(business_day) = 7 AS month, typeof(data) AS type, count(*) AS n FROM report_rollups GROUP BY 1, 2 ORDER BY 1, 2').all();

    await expectReferenceFigures();
    expect(formats()).toEqual([{ month: 0, type: 'text', n: expect.any(Number) }, { month: 1, type: 'blob', n: expect.any(Number) }]);
    await warmUpRollups(deps);
    expect(formats()).toEqual([{ month: 0, type: 'blob', n: expect.any(Number) }, { month: 1, type: 'blob', n: expect.any(Number) }]);
    await expectReferenceFigures();
  }, 60_000); // every day row, staffing's hour-by-service groups too, is rewritten twice: slower than the others

  it('offers every grouping somewhere', () => {
    expect(new Set(Object.values(REPORT_GROUP_BYS).flat())).toEqual(new Set(GROUP_BYS));
  });
});
