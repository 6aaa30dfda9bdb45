import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { businessDayStart, CENTRAL_PATHS, CENTRAL_REPORT_NAMES, demoBranchConfig, parseClockTime, REPORT_GROUP_BYS, type ReportTable } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { resolveCentralLink } from '../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../apps/server/src/central/outbox-shipper';
import { openDatabase, type Db } from '../../apps/server/src/db/database';
import { runReport } from '../../apps/server/src/reports/report-service';
import { rollupsWrittenTo } from '../../apps/server/src/reports/rollup-writes';
import { generateHistory } from '../../apps/server/src/reports/test-support/generate-history';
import { rateServedVisits } from '../../apps/server/src/reports/test-support/rate-visits';
import { historyWriter } from '../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../apps/server/src/store/config-store';
import { loadQueueState } from '../../apps/server/src/store/hydrate';

const ADMIN = 'admin-token-for-tests-0123456789';
const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
// Friday, Saturday and the Sunday Riga moves its clocks forward (a 23-hour business day), as the branch's own report tests.
const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29'];
/** The branches' clock when they ship: two days after the history, so every day of it is closed. */
const NOW = localAt('2026-03-31', '12:00');

let db: TestDatabase;
let central: RunningCentral;
let client: ReturnType<typeof centralClient>;
const branches: Record<string, { db: Db; region: string }> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  central = await startCentral({ sql: db.sql, adminToken: ADMIN });
  client = centralClient(central.url, ADMIN);
  for (const [id, region, seed] of [['riga-centre', 'riga', 7], ['kaunas-old-town', 'kaunas', 19]] as const) {
    const branch = openDatabase(':memory:');
    saveConfig(branch, config, 1);
    historyWriter(branch, config).write(generateHistory(config, DAYS, localAt, seed).events, { oneTransaction: true });
    // Rated before the branch enrolled: the ratings wait in its outbox and ship with everything else.
    rateServedVisits(branch);
    const created = await client.createBranch(id, region);
    const link = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: id, RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' });
    if (!link.ok || !link.link) throw new Error('not linked');
    const shipper = new OutboxShipper({ db: branch, link: link.link, logger: pino({ level: 'silent' }), clock: () => NOW });
    while ((await shipper.shipOnce()) === 'shipped');
    branches[id] = { db: branch, region };
  }
}, 60_000);
afterAll(async () => {
  for (const b of Object.values(branches)) b.db.close();
  await central.close();
  await db.drop();
});

const branchReport = (id: string, name: ReportTable['report'], groupBy: ReportTable['groupBy'], from = DAYS[0]!, to = DAYS[2]!) => {
  const branch = branches[id]!.db;
  return runReport({ readDb: branch, writeRollups: rollupsWrittenTo(branch), config: () => config, now: () => NOW }, { name, from, to, groupBy });
};
async function headOfficeReport(name: string, query: Record<string, string>) {
  const reply = await client.admin('GET', `${CENTRAL_PATHS.report.replace(':name', name)}?${new URLSearchParams(query).toString()}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { rows: Record<string, unknown>[]; branches: string[] };
}

describe('head-office reports', () => {
  it("gives, for one branch, exactly the branch's own report: every report, every grouping, over closed days", async () => {
    let compared = 0;
    for (const name of CENTRAL_REPORT_NAMES)
      for (const groupBy of REPORT_GROUP_BYS[name]) {
        const mine = await branchReport('riga-centre', name, groupBy);
        const theirs = await headOfficeReport(name, { from: DAYS[0]!, to: DAYS[2]!, groupBy, branches: 'riga-centre' });
        expect({ name, groupBy, rows: theirs.rows }).toEqual({ name, groupBy, rows: mine.rows });
        compared += mine.rows.length;
      }
    expect(compared).toBeGreaterThan(100);
    // The satisfaction reports compared real ratings, not two empty tables.
    const satisfaction = await headOfficeReport('satisfaction', { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'service', branches: 'riga-centre' });
    expect(satisfaction.rows.reduce((n, r) => n + Number(r.ratings), 0)).toBeGreaterThan(50);
  });

  it('groups by branch and by region, each group equal to that branch alone', async () => {
    const byBranch = await headOfficeReport('summary', { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'branch' });
    const byRegion = await headOfficeReport('summary', { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'region' });
    expect(byBranch.rows.map((r) => r.group)).toEqual(['kaunas-old-town', 'riga-centre']);
    for (const id of Object.keys(branches)) {
      const alone = await headOfficeReport('summary', { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'region', branches: id });
      const { group: _a, ...branchFigures } = byBranch.rows.find((r) => r.group === id)!;
      const { group: _b, ...regionFigures } = byRegion.rows.find((r) => r.group === branches[id]!.region)!;
      const { group: _c, ...aloneFigures } = alone.rows[0]!;
      expect(branchFigures).toEqual(aloneFigures);
      expect(regionFigures).toEqual(aloneFigures);
      const days = await branchReport(id, 'summary', 'day');
      expect(branchFigures.visits).toBe(days.rows.reduce((n, r) => n + Number(r.visits), 0));
    }
  });

  it("groups satisfaction by branch and by region, each branch's figures its own satisfaction over the whole range", async () => {
    for (const name of ['satisfaction', 'satisfaction-by-wait'] as const) {
      const byBranch = await headOfficeReport(name, { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'branch' });
      const byRegion = await headOfficeReport(name, { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'region' });
      for (const id of Object.keys(branches)) {
        // The branch's own report has no "whole branch" grouping: its days, each a row (per band), summed.
        const own = (await branchReport(id, name, 'day')).rows;
        const mine = byBranch.rows.filter((r) => r.group === id);
        const region = byRegion.rows.filter((r) => r.group === branches[id]!.region);
        const total = (rows: Record<string, unknown>[], column: string) => rows.reduce((n, r) => n + Number(r[column]), 0);
        expect(total(mine, 'ratings')).toBe(total(own, 'ratings'));
        expect(total(mine, 'ratings')).toBeGreaterThan(0);
        expect(region.map(({ group: _, ...figures }) => figures)).toEqual(mine.map(({ group: _, ...figures }) => figures));
        if (name === 'satisfaction') {
          expect(mine[0]!.served).toBe(total(own, 'served'));
          expect(mine[0]!.score5).toBe(total(own, 'score5'));
        }
      }
    }
  });

  it("adds counts across branches (a service's visits are both branches' visits)", async () => {
    const both = await headOfficeReport('summary', { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'service' });
    const riga = await branchReport('riga-centre', 'summary', 'service');
    const kaunas = await branchReport('kaunas-old-town', 'summary', 'service');
    for (const row of both.rows) {
      const sum = (t: ReportTable) => Number(t.rows.find((r) => r.group === row.group)?.visits ?? 0);
      expect(row.visits).toBe(sum(riga) + sum(kaunas));
    }
  });

  it('refuses a grouping the report does not have, a bad range, a day the calendar has not and a malformed branch list, with a clear error', async () => {
    const refused: Record<string, string>[] = [
      { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'branch', name: 'hourly' },
      { from: DAYS[2]!, to: DAYS[0]!, groupBy: 'service', name: 'summary' },
      { from: DAYS[0]!, to: DAYS[2]!, groupBy: 'service', name: 'summary', branches: 'Riga Centre;DROP' },
      // V8 reads 2026-02-30 as 2 March: a branch's own report refuses it, so head office does too (issue 18).
      { from: '2026-02-30', to: '2026-03-01', groupBy: 'service', name: 'summary' },
    ];
    for (const query of refused) {
      const { name, ...rest } = query;
      const reply = await client.admin('GET', `/api/reports/${name}?${new URLSearchParams(rest).toString()}`);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(JSON.stringify(reply.body), 'the refusal echoes no value').not.toContain('2026-02-30');
    }
    expect((await client.call('GET', `/api/reports/summary?from=${DAYS[0]}&to=${DAYS[2]}&groupBy=service`)).status).toBe(401);
  });
});

describe("every branch's state at head office", () => {
  it('shows when each branch was last heard, its queues and counters as its events left them', async () => {
    const reply = await client.admin('GET', CENTRAL_PATHS.branchStates);
    expect(reply.status).toBe(200);
    const states = reply.body.branches as Record<string, unknown>[];
    // The generated days end with tickets still waiting: the comparison below is of real queues, not of two empty ones.
    expect(states.some((s) => Object.keys(s.waitingByService as object).length > 0)).toBe(true);
    expect(states.map((s) => s.id)).toEqual(['kaunas-old-town', 'riga-centre']);
    for (const s of states) {
      const own = loadQueueState(branches[s.id as string]!.db, config, NOW);
      const waiting: Record<string, number> = {};
      for (const t of own.tickets.values()) if (t.state === 'waiting') waiting[t.legServiceId] = (waiting[t.legServiceId] ?? 0) + 1;
      expect(s).toMatchObject({
        enrolled: true,
        waitingAtBranch: 0,
        completeUntil: NOW - 10_000,
        waitingByService: waiting,
        countersOpen: Object.values(own.counters).filter((c) => c.state === 'open').length,
      });
      expect(s.lastHeardAt).toEqual(expect.any(Number));
    }
  });
});
