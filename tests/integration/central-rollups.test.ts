import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { addDays, businessDayOf, businessDayStart, CENTRAL_PATHS, demoBranchConfig, parseClockTime, CENTRAL_REPORT_NAMES, REPORT_GROUP_BYS, type DomainEvent, type OutboxRecord } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { refreshRegionRollups } from '../../apps/central/src/replicas/region-rollups';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { resolveCentralLink } from '../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../apps/server/src/central/outbox-shipper';
import { openDatabase, type Db } from '../../apps/server/src/db/database';
import { runReport } from '../../apps/server/src/reports/report-service';
import { rollupsWrittenTo } from '../../apps/server/src/reports/rollup-writes';
import { generateHistory } from '../../apps/server/src/reports/test-support/generate-history';
import { storeRating } from '../../apps/server/src/ratings/rating-store';
import { rateServedVisits } from '../../apps/server/src/reports/test-support/rate-visits';
import { historyWriter, type HistoryWriter } from '../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../apps/server/src/store/config-store';

// Head office's report roll-ups (migration 020) against the branch's own reports: a history from late January to
// the morning of 5 March, reported from 1 December. December is a whole closed month before the first ticket
// (computed as empty days), January holds the first ticket, February is a whole closed month read from its
// month roll-up, 1–4 March are closed days and 5 March is the day still open when the branch last shipped.
const ADMIN = 'admin-token-for-tests-0123456789';
const BRANCH = 'jelgava';
const config = demoBranchConfig;
const zone = config.branch.timeZone;
const localAt = (date: string, clock: string) => businessDayStart(date, zone, parseClockTime(clock));
const NOW = localAt('2026-03-05', '12:00');
/** What head office holds the branch complete until (its clock at the last batch, less the 10 s margin). */
const HELD_UNTIL = NOW - 10_000;
const FROM = '2025-12-01';
const TO = '2026-03-05';
const LATE_DAY = '2026-02-10';

const days: string[] = [];
for (let d = '2026-01-26'; d <= TO; d = addDays(d, 1)) days.push(d);
const history = generateHistory(config, days, localAt, 23, 40).events.filter((e) => e.at < HELD_UNTIL);
/** A customer who left on 10 February, whose cancellation reaches head office only after everything else. */
const late = history.find(
  (e): e is Extract<DomainEvent, { type: 'ticket.cancelled' }> => e.type === 'ticket.cancelled' && e.byUserId === null && businessDayOf(e.at, zone, config.branch.dayStart) === LATE_DAY,
)!;

let db: TestDatabase;
let central: RunningCentral;
let client: ReturnType<typeof centralClient>;
let branch: Db;
let writer: HistoryWriter;
let shipper: OutboxShipper;

beforeAll(async () => {
  db = await openTestDatabase();
  // No background rounds: every roll-up here is built because a report asked for it.
  central = await startCentral({ sql: db.sql, adminToken: ADMIN, rollupEveryMs: null });
  client = centralClient(central.url, ADMIN);
  branch = openDatabase(':memory:');
  saveConfig(branch, config, 1);
  writer = historyWriter(branch, config);
  writer.write(
    history.filter((e) => e !== late),
    { oneTransaction: true },
  );
  rateServedVisits(branch, HELD_UNTIL);
  const created = await client.createBranch(BRANCH, 'zemgale');
  const link = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: BRANCH, RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' });
  if (!link.ok || !link.link) throw new Error('not linked');
  shipper = new OutboxShipper({ db: branch, link: link.link, logger: pino({ level: 'silent' }), clock: () => NOW });
  while ((await shipper.shipOnce()) === 'shipped');
}, 120_000);
afterAll(async () => {
  branch.close();
  await central.close();
  await db.drop();
});

/** Every report in every grouping, at head office and at the branch as of what head office holds; returns the head office's. */
async function compareEveryReport(): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  let rows = 0;
  for (const name of CENTRAL_REPORT_NAMES)
    for (const groupBy of REPORT_GROUP_BYS[name]) {
      const own = await runReport({ readDb: branch, writeRollups: rollupsWrittenTo(branch), config: () => config, now: () => HELD_UNTIL }, { name, from: FROM, to: TO, groupBy });
      const reply = await client.admin('GET', `${CENTRAL_PATHS.report.replace(':name', name)}?${new URLSearchParams({ from: FROM, to: TO, groupBy, branches: BRANCH }).toString()}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect({ name, groupBy, rows: reply.body.rows }).toEqual({ name, groupBy, rows: own.rows });
      seen[`${name}/${groupBy}`] = reply.body.rows;
      rows += own.rows.length;
    }
  expect(rows).toBeGreaterThan(200);
  return seen;
}

const periods = async () =>
  Object.fromEntries(
    (await db.sql.query<{ period: string; closed: boolean }>('SELECT period, closed FROM rollup_periods WHERE branch_id = $1 ORDER BY period', [BRANCH])).map((r) => [r.period, r.closed]),
  );
const groupRows = () => db.sql.query("SELECT period, dim, key, encode(data, 'hex') AS data FROM rollup_groups WHERE branch_id = $1 ORDER BY period, dim, key", [BRANCH]);

describe('head-office roll-ups', () => {
  it("give the branch's own reports, every report and grouping, over whole months, days before the first ticket and the open day", async () => {
    await compareEveryReport();
    const stored = await periods();
    // February from its month roll-up, January's too (it holds the first ticket), the open day marked open.
    expect(stored).toMatchObject({ '2026-01': true, '2026-02': true, '2026-03-04': true, '2026-03-05': false });
    expect(stored['2025-12']).toBeUndefined();
    expect(Object.keys(stored).filter((p) => p.length === 10)).toHaveLength(days.length);
  });

  it("give the branch's own reports from its region's sums as well (migration 040)", async () => {
    expect(await refreshRegionRollups(db.sql)).toBe(true);
    const [summed] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM rollup_region_periods WHERE region = 'zemgale' AND branches = ARRAY['jelgava']");
    expect(summed!.n).toBe(Object.values(await periods()).filter((closed) => closed).length);
    await compareEveryReport();
  });

  it('change nothing when a batch is sent again', async () => {
    const before = await groupRows();
    const token = branch.prepare('SELECT token FROM central_link WHERE id = 1').pluck().get() as string;
    // The first batch (configuration and events) and the last (ratings, written after the history).
    for (const order of ['ASC', 'DESC']) {
      const sent = (branch.prepare(`SELECT seq, kind, at, body FROM central_outbox ORDER BY seq ${order} LIMIT 500`).all() as { seq: number; kind: OutboxRecord['kind']; at: number; body: string }[]).sort((a, b) => a.seq - b.seq);
      const records = sent.map((r) => ({ ...r, body: JSON.parse(r.body) as unknown }) as OutboxRecord);
      if (order === 'DESC') expect(records.every((r) => r.kind === 'rating')).toBe(true);
      const again = await client.ship(token, { branchId: BRANCH, branchNow: NOW, remaining: 0, records });
      expect(again).toEqual({ status: 200, body: { storedThrough: expect.any(Number), inserted: 0 } });
    }
    await compareEveryReport();
    expect(await groupRows()).toEqual(before);
  });

  it('rebuild a past day and its month when a late event of that day arrives', async () => {
    const before = await compareEveryReport();
    writer.write([late]);
    while ((await shipper.shipOnce()) === 'shipped');
    // The late day's and February's region sums went with them: read from the branch's own roll-ups, then summed again.
    const after = await compareEveryReport();
    expect(await refreshRegionRollups(db.sql)).toBe(true);
    expect(await compareEveryReport()).toEqual(after);
    // The customer stopped waiting when they left, not at the end of the day: the queue of 10 February was shorter.
    // By hour the figures come from February's month roll-up; grouped by day, from the day's.
    const byDay = (seen: Record<string, unknown>) => Object.entries(seen).filter(([k]) => k.endsWith('/day'));
    expect(after['hourly/hour']).not.toEqual(before['hourly/hour']);
    expect(byDay(after)).not.toEqual(byDay(before));
  });

  it('count a rating given while head office could not be reached once the branch has caught up', async () => {
    const today = TO;
    const unrated = branch
      .prepare("SELECT id, ended_at FROM tickets WHERE state = 'done' AND business_day = ? AND id NOT IN (SELECT ticket_id FROM ratings) ORDER BY ended_at LIMIT 1")
      .get(today) as { id: string; ended_at: number };
    const ratingsToday = async () => {
      const reply = await client.admin('GET', `${CENTRAL_PATHS.report.replace(':name', 'satisfaction')}?${new URLSearchParams({ from: today, to: today, groupBy: 'day', branches: BRANCH }).toString()}`);
      return Number((reply.body.rows as Record<string, unknown>[])[0]?.ratings ?? 0);
    };
    const before = await ratingsToday();
    storeRating(branch, { ticketId: unrated.id, score: 1, comment: 'Too slow', ratedAt: unrated.ended_at + 60_000 });
    // Not shipped yet: head office still reports what it holds.
    expect(await ratingsToday()).toBe(before);
    while ((await shipper.shipOnce()) === 'shipped');
    expect(await ratingsToday()).toBe(before + 1);
    await compareEveryReport();
  });

  it('rebuild a closed day and its month when a rating of that day arrives late (a rating kept before the branch shipped ratings)', async () => {
    const day = '2026-02-12';
    const unrated = branch
      .prepare("SELECT id, ended_at FROM tickets WHERE state = 'done' AND business_day = ? AND id NOT IN (SELECT ticket_id FROM ratings) ORDER BY ended_at LIMIT 1")
      .get(day) as { id: string; ended_at: number };
    const before = await compareEveryReport();
    // As branch migration 135 ships a rating kept before it: a record for a day head office has closed and rolled up.
    storeRating(branch, { ticketId: unrated.id, score: 2, comment: null, ratedAt: unrated.ended_at + 60_000 });
    while ((await shipper.shipOnce()) === 'shipped');
    const after = await compareEveryReport();
    // By day from the day's roll-up; by service from February's month roll-up: both rebuilt with the rating.
    expect(after['satisfaction/day']).not.toEqual(before['satisfaction/day']);
    expect(after['satisfaction/service']).not.toEqual(before['satisfaction/service']);
  });
});
