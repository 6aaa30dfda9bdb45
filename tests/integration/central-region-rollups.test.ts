import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { addDays, businessDayOf, businessDayStart, CENTRAL_PATHS, CENTRAL_REPORT_GROUP_BYS, CENTRAL_REPORT_NAMES, demoBranchConfig, parseClockTime, type DomainEvent } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { emptyPartial, mergePartial, type ReportPartial } from '@rinda/server/replay';
import { refreshRegionRollups } from '../../apps/central/src/replicas/region-rollups';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { coverByRegions, stillCurrent } from '../../apps/central/src/views/region-cover';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { resolveCentralLink, type CentralLink } from '../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../apps/server/src/central/outbox-shipper';
import { openDatabase, type Db } from '../../apps/server/src/db/database';
import { generateHistory } from '../../apps/server/src/reports/test-support/generate-history';
import { historyWriter, type HistoryWriter } from '../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../apps/server/src/store/config-store';

// Head office's region sums (migration 040) against the branches' own roll-ups (migration 020), which
// central-rollups.test.ts holds equal to the branch's own reports. Two branches in Vidzeme, one of them behind (it
// last shipped on 2 March, the other on 5 March), and one in Kurzeme; the history runs from late January.
const ADMIN = 'admin-token-for-tests-0123456789';
const config = demoBranchConfig;
const zone = config.branch.timeZone;
const localAt = (date: string, clock: string) => businessDayStart(date, zone, parseClockTime(clock));
const FROM = '2026-01-01';
const TO = '2026-03-05';
const LATE_DAY = '2026-02-10';
const BRANCHES = [
  { id: 'cesis', region: 'vidzeme', now: localAt('2026-03-02', '12:00'), seed: 3 },
  { id: 'sigulda', region: 'vidzeme', now: localAt(TO, '12:00'), seed: 5 },
  { id: 'liepaja', region: 'kurzeme', now: localAt(TO, '12:00'), seed: 7 },
] as const;

let db: TestDatabase;
let central: RunningCentral;
let client: ReturnType<typeof centralClient>;
const branches = new Map<string, { db: Db; writer: HistoryWriter; shipper: OutboxShipper; late: DomainEvent | null; link: CentralLink }>();

beforeAll(async () => {
  db = await openTestDatabase();
  // No background rounds: the test decides when region sums are built.
  central = await startCentral({ sql: db.sql, adminToken: ADMIN, rollupEveryMs: null });
  client = centralClient(central.url, ADMIN);
  for (const b of BRANCHES) {
    const days: string[] = [];
    for (let d = '2026-01-26'; d <= businessDayOf(b.now, zone, config.branch.dayStart); d = addDays(d, 1)) days.push(d);
    const history = generateHistory(config, days, localAt, b.seed, 30).events.filter((e) => e.at < b.now - 10_000);
    // Sigulda's customer who left on 10 February reaches head office only after everything else.
    const late =
      b.id === 'sigulda'
        ? history.find((e) => e.type === 'ticket.cancelled' && e.byUserId === null && businessDayOf(e.at, zone, config.branch.dayStart) === LATE_DAY)!
        : null;
    const branch = openDatabase(':memory:');
    saveConfig(branch, config, 1);
    const writer = historyWriter(branch, config);
    writer.write(
      history.filter((e) => e !== late),
      { oneTransaction: true },
    );
    const created = await client.createBranch(b.id, b.region);
    const link = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: b.id, RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' });
    if (!link.ok || !link.link) throw new Error('not linked');
    const shipper = new OutboxShipper({ db: branch, link: link.link, logger: pino({ level: 'silent' }), clock: () => b.now });
    while ((await shipper.shipOnce()) === 'shipped');
    branches.set(b.id, { db: branch, writer, shipper, late, link: link.link });
  }
  await central.rollups.round();
}, 120_000);
afterAll(async () => {
  for (const b of branches.values()) b.db.close();
  await central.close();
  await db.drop();
});

/** Every report in every grouping across all three branches, and over Vidzeme alone. */
async function everyReport(): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const name of CENTRAL_REPORT_NAMES)
    for (const groupBy of CENTRAL_REPORT_GROUP_BYS[name])
      for (const only of [{}, { region: 'vidzeme' }] as Record<string, string>[]) {
        const reply = await client.admin('GET', `${CENTRAL_PATHS.report.replace(':name', name)}?${new URLSearchParams({ from: FROM, to: TO, groupBy, ...only }).toString()}`);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        seen[`${name}/${groupBy}/${JSON.stringify(only)}`] = reply.body.rows;
      }
  return seen;
}

/** The same reports from the branches' own roll-ups only (no region sums), then the sums built again. */
async function everyReportBranchByBranch(): Promise<Record<string, unknown>> {
  await db.sql.query('DELETE FROM rollup_region_periods');
  const seen = await everyReport();
  expect(await refreshRegionRollups(db.sql)).toBe(true);
  return seen;
}

const sumsOf = async (region: string) =>
  Object.fromEntries(
    (await db.sql.query<{ period: string; branches: string[] }>('SELECT period, branches FROM rollup_region_periods WHERE region = $1', [region])).map((r) => [r.period, r.branches]),
  );

/** A region's sums of these periods, merged per dimension and key. */
async function mergedSums(region: string, periods: string[]): Promise<Map<string, ReportPartial>> {
  const rows = await db.sql.query<{ dim: string; key: string; data: string }>(
    "SELECT dim, key, encode(data, 'base64') AS data FROM rollup_region_groups WHERE region = $1 AND period = ANY($2::text[])",
    [region, periods],
  );
  const merged = new Map<string, ReportPartial>();
  for (const r of rows) {
    const id = `${r.dim}/${r.key}`;
    if (!merged.has(id)) merged.set(id, emptyPartial());
    mergePartial(merged.get(id)!, Buffer.from(r.data, 'base64'));
  }
  return merged;
}

const februaryDays = Array.from({ length: 28 }, (_, i) => addDays('2026-02-01', i));

describe('head-office region sums', () => {
  it("give the same reports as the branches' own roll-ups, every report and grouping, with a branch behind its region", async () => {
    const vidzeme = await sumsOf('vidzeme');
    // Both branches' closed periods are summed; 2–4 March only Sigulda's (Cēsis holds 2 March open, 3–5 nothing).
    expect(vidzeme).toMatchObject({ '2026-02': ['cesis', 'sigulda'], '2026-03-01': ['cesis', 'sigulda'], '2026-03-02': ['sigulda'], '2026-03-04': ['sigulda'] });
    expect(vidzeme['2026-03-05']).toBeUndefined();
    const withSums = await everyReport();
    expect(withSums).toEqual(await everyReportBranchByBranch());
    expect(Object.values(withSums).flat().length).toBeGreaterThan(200);
  });

  it('are what a report reads for the periods they cover', async () => {
    const before = await everyReport();
    // February's Kurzeme sum emptied (its period kept): the year by hour loses Liepāja's February.
    await db.sql.query("DELETE FROM rollup_region_groups WHERE region = 'kurzeme' AND period = '2026-02'");
    const emptied = await everyReport();
    expect(emptied['hourly/hour/{}']).not.toEqual(before['hourly/hour/{}']);
    expect(emptied['hourly/hour/{"region":"vidzeme"}']).toEqual(before['hourly/hour/{"region":"vidzeme"}']);
    await db.sql.query("DELETE FROM rollup_region_periods WHERE region = 'kurzeme' AND period = '2026-02'");
    expect(await refreshRegionRollups(db.sql)).toBe(true);
    expect(await everyReport()).toEqual(before);
  });

  it("hold for a month the sum of the month's days", async () => {
    const month = await mergedSums('vidzeme', ['2026-02']);
    expect(month.size).toBeGreaterThan(20);
    expect(month).toEqual(await mergedSums('vidzeme', februaryDays));
  });

  it('tell a report that a sum it chose was dropped or built again since, so that it reads again', async () => {
    const all = await db.sql.query<{ id: string; region: string }>('SELECT id, region FROM branches ORDER BY id');
    const reads = await coverByRegions(db.sql, all, all.map(() => ['2026-02']));
    expect(reads.regionPeriods).toEqual(new Map([['kurzeme', ['2026-02']], ['vidzeme', ['2026-02']]]));
    expect(await stillCurrent(db.sql, reads)).toBe(true);
    await db.sql.query("DELETE FROM rollup_region_periods WHERE region = 'vidzeme' AND period = '2026-02'");
    expect(await stillCurrent(db.sql, reads)).toBe(false);
    expect(await refreshRegionRollups(db.sql)).toBe(true);
    expect(await stillCurrent(db.sql, reads)).toBe(false);
  });

  it("are dropped with a branch's day and month when a late event of that day arrives, and summed again with it", async () => {
    const before = await everyReport();
    const sigulda = branches.get('sigulda')!;
    sigulda.writer.write([sigulda.late!]);
    while ((await sigulda.shipper.shipOnce()) === 'shipped');
    await central.rollups.bringUpToDate();
    const dropped = await sumsOf('vidzeme');
    expect(dropped[LATE_DAY]).toBeUndefined();
    expect(dropped['2026-02']).toBeUndefined();
    expect(dropped['2026-02-09']).toEqual(['cesis', 'sigulda']);

    await central.rollups.round();
    expect(await sumsOf('vidzeme')).toMatchObject({ [LATE_DAY]: ['cesis', 'sigulda'], '2026-02': ['cesis', 'sigulda'] });
    expect(await mergedSums('vidzeme', ['2026-02'])).toEqual(await mergedSums('vidzeme', februaryDays));
    const after = await everyReport();
    // The customer stopped waiting when they left: Vidzeme's queue by hour over the months changed.
    expect(after['hourly/hour/{"region":"vidzeme"}']).not.toEqual(before['hourly/hour/{"region":"vidzeme"}']);
    expect(after).toEqual(await everyReportBranchByBranch());
  });

  it("are not looked at again after a publication that moved only a branch's open day", async () => {
    await central.rollups.round();
    expect(await central.rollups.round()).toBe(false);
    // A minute later Liepāja, with nothing new to ship, says it is alive: head office holds it complete up to then.
    const liepaja = branches.get('liepaja')!;
    const minuteLater = BRANCHES.find((b) => b.id === 'liepaja')!.now + 60_000;
    const heartbeat = new OutboxShipper({ db: liepaja.db, link: liepaja.link, logger: pino({ level: 'silent' }), clock: () => minuteLater });
    expect(await heartbeat.shipOnce()).toBe('empty');
    expect(await central.rollups.behind()).toEqual(['liepaja']);
    const sums = await sumsOf('kurzeme');
    // Its open day is published again; its closed days and months, and so every region's sums, are as they were.
    expect(await central.rollups.round()).toBe(false);
    expect(await central.rollups.behind()).toEqual([]);
    expect(await sumsOf('kurzeme')).toEqual(sums);
    expect(await everyReport()).toEqual(await everyReportBranchByBranch());
  });
});
