/**
 * `npm run bench:head-office [-- --branches=100 --real-branches=3 --report-branches=100 --tickets=300 --runs=40]`:
 * head office's figures (docs/BENCHMARKS.md, "Head office"). On the real PostgreSQL named by RINDA_TEST_PG_URL
 * when set, else PGlite.
 *   1. ingest: `branches` simulated branches ship batches of 500 records at once, over HTTP on 127.0.0.1;
 *   2. catch-up: one busy branch (300 tickets a day) back after 7 days offline, shipped by the real shipper;
 *   3. a year across branches: `real-branches` branches ship a generated year (`tickets` a day) and head office
 *      rolls it up (timed, and per live batch); their roll-ups are copied to `report-branches` branches in all,
 *      summed per region (timed), and seven reports over the year are timed across all of them (p50, p99 of `runs`).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { addDays, businessDayStart, CENTRAL_LIMITS, CENTRAL_PATHS, demoBranchConfig, parseClockTime, type DomainEvent, type OutboxRecord } from '@rinda/shared';
import { startCentral, type Sql } from '@rinda/central';
import { refreshRegionRollups } from '../../../apps/central/src/replicas/region-rollups';
import { centralClient } from '../../../apps/central/src/test-support/central-client';
import { openTestDatabase } from '../../../apps/central/src/test-support/test-database';
import { resolveCentralLink } from '../../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../../apps/server/src/central/outbox-shipper';
import { openDatabase } from '../../../apps/server/src/db/database';
import { generateHistory } from '../../../apps/server/src/reports/test-support/generate-history';
import { historyWriter } from '../../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../../apps/server/src/store/config-store';

const { values } = parseArgs({
  options: {
    branches: { type: 'string', default: '100' },
    'batches-each': { type: 'string', default: '6' },
    'real-branches': { type: 'string', default: '3' },
    'report-branches': { type: 'string', default: '100' },
    tickets: { type: 'string', default: '300' },
    runs: { type: 'string', default: '40' },
  },
});
const BRANCHES = Number(values.branches);
const BATCHES_EACH = Number(values['batches-each']);
/** Branches whose year is generated, shipped, replayed and rolled up; the others get copies of their roll-ups. */
const REAL_BRANCHES = Number(values['real-branches']);
const REPORT_BRANCHES = Number(values['report-branches']);
const TICKETS_PER_DAY = Number(values.tickets);
const RUNS = Number(values.runs);
const REGIONS = 4;
/** The branches' today: the report year ends with it, its morning still open. */
const TODAY = '2026-12-05';
const ADMIN = 'admin-token-for-the-benchmark-0123456789';
const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
const silent = pino({ level: 'silent' });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const db = await openTestDatabase();
  // Roll-ups only when the benchmark asks: their cost is timed on its own, not inside the ingest figures.
  const central = await startCentral({ sql: db.sql, adminToken: ADMIN, rollupEveryMs: null });
  const client = centralClient(central.url, ADMIN);
  const lines: string[] = [`database: ${db.label}`];

  // 1. Ingest: real domain events, 500 to a batch, every branch at once.
  const sample = generateHistory(config, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'], localAt, 5, 120).events;
  const records = (from: number, n: number): OutboxRecord[] =>
    Array.from({ length: n }, (_, i) => (from + i === 1 ? { seq: 1, kind: 'config', at: 0, body: config } : { seq: from + i, kind: 'event', at: 0, body: sample[(from + i) % sample.length] as DomainEvent }));
  const tokens: string[] = [];
  for (let b = 0; b < BRANCHES; b++) {
    const created = await client.createBranch(`ingest-${b}`);
    tokens.push((await client.enrol(`ingest-${b}`, created.enrolmentCode)).body.token as string);
  }
  const batchMs: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, b) => {
      for (let k = 0; k < BATCHES_EACH; k++) {
        const started = performance.now();
        const reply = await client.call('POST', CENTRAL_PATHS.batches, { branchId: `ingest-${b}`, branchNow: 0, remaining: 1, records: records(1 + k * CENTRAL_LIMITS.maxBatchRecords, CENTRAL_LIMITS.maxBatchRecords) }, token);
        if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
        batchMs.push(performance.now() - started);
      }
    }),
  );
  const ingestS = (performance.now() - t0) / 1000;
  const events = BRANCHES * BATCHES_EACH * CENTRAL_LIMITS.maxBatchRecords;
  lines.push(`ingest: ${BRANCHES} branches × ${BATCHES_EACH} batches of ${CENTRAL_LIMITS.maxBatchRecords}: ${events} records in ${ingestS.toFixed(1)} s = ${Math.round(events / ingestS)} records/s; batch p50 ${ms(percentile(batchMs, 0.5))}, p99 ${ms(percentile(batchMs, 0.99))}`);

  // 2. Catch-up after 7 days offline.
  const week = Array.from({ length: 7 }, (_, i) => addDays('2026-03-16', i));
  const branch = openDatabase(':memory:');
  saveConfig(branch, config, 1);
  historyWriter(branch, config).write(generateHistory(config, week, localAt, 9, 300).events, { oneTransaction: true });
  const waiting = branch.prepare('SELECT count(*) FROM central_outbox').pluck().get() as number;
  const created = await client.createBranch('catch-up');
  const link = await resolveCentralLink(branch, { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: 'catch-up', RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1' });
  if (!link.ok || !link.link) throw new Error('not linked');
  const shipper = new OutboxShipper({ db: branch, link: link.link, logger: silent });
  const t1 = performance.now();
  while ((await shipper.shipOnce()) === 'shipped');
  const catchUpS = (performance.now() - t1) / 1000;
  lines.push(`catch-up: 7 days × 300 tickets (${waiting} records) shipped in ${catchUpS.toFixed(1)} s`);

  // 3. Cross-branch reports over a year. REAL_BRANCHES branches ship a year of generated history over HTTP; head
  // office replays and rolls it up (timed); their roll-ups are then copied in PostgreSQL to REPORT_BRANCHES
  // branches in all, the rows a report reads at that size (it reads roll-ups only, never tickets).
  const until = localAt(TODAY, '12:00');
  const heldUntil = until - 10_000;
  const yearDays = Array.from({ length: 366 }, (_, i) => addDays(addDays(TODAY, -365), i));
  let shipped = 0;
  let tickets = 0;
  let shipS = 0;
  let publishS = 0;
  // report-0 keeps its last half hour back, shipped afterwards in live-sized batches.
  const liveFrom = heldUntil - 30 * 60_000;
  let live: OutboxRecord[] = [];
  let liveToken = '';
  for (let b = 0; b < REAL_BRANCHES; b++) {
    const id = `report-${b}`;
    const history = generateHistory(config, yearDays, localAt, 3 + b, TICKETS_PER_DAY).events.filter((e) => e.at < heldUntil);
    tickets += history.filter((e) => e.type === 'ticket.issued').length;
    const c = await client.createBranch(id, `region-${b % REGIONS}`);
    const token = (await client.enrol(id, c.enrolmentCode)).body.token as string;
    const all: OutboxRecord[] = [{ seq: 1, kind: 'config', at: 0, body: config }, ...history.map((e, i): OutboxRecord => ({ seq: i + 2, kind: 'event', at: e.at, body: e }))];
    const now = b === 0 ? liveFrom + 10_000 : until;
    if (b === 0) {
      live = all.filter((r) => r.at >= liveFrom);
      all.splice(all.length - live.length);
      liveToken = token;
    }
    const t = performance.now();
    for (let i = 0; i < all.length; i += CENTRAL_LIMITS.maxBatchRecords) {
      const part = all.slice(i, i + CENTRAL_LIMITS.maxBatchRecords);
      await shipBatch(client, token, { branchId: id, branchNow: now, remaining: all.length - i - part.length, records: part });
    }
    shipS += (performance.now() - t) / 1000;
    shipped += all.length + live.length;
    const p = performance.now();
    await central.rollups.bringUpToDate([id]);
    publishS += (performance.now() - p) / 1000;
  }
  const realDays = REAL_BRANCHES * yearDays.length;
  lines.push(
    `year history: ${REAL_BRANCHES} branches × ${yearDays.length} days × ${TICKETS_PER_DAY} tickets a day = ${tickets} tickets, ${shipped} records; shipped in ${shipS.toFixed(0)} s (${Math.round(shipped / shipS)} records/s)`,
    `first roll-up (replay into replicas, roll every day and month up, copy to PostgreSQL): ${publishS.toFixed(0)} s = ${Math.round(shipped / publishS)} records/s, ${((publishS * 1000) / realDays).toFixed(0)} ms per branch-day`,
  );

  // The roll-up work a live branch adds per batch: its last half hour in five batches, each then published.
  const liveMs: number[] = [];
  const step = Math.ceil(live.length / 5);
  for (let i = 0; i < live.length; i += step) {
    const part = live.slice(i, i + step);
    const last = i + step >= live.length;
    await shipBatch(client, liveToken, { branchId: 'report-0', branchNow: last ? until : part[part.length - 1]!.at + 10_001, remaining: 0, records: part });
    const t = performance.now();
    await central.rollups.bringUpToDate(['report-0']);
    liveMs.push(performance.now() - t);
  }
  lines.push(`roll-up work after one live batch of ~${step} records (catch up, the open day again, upsert): p50 ${ms(percentile(liveMs, 0.5))}, max ${ms(Math.max(...liveMs))} of ${liveMs.length}`);

  const t4 = performance.now();
  await cloneRollups(db.sql, REAL_BRANCHES, REPORT_BRANCHES, REGIONS);
  const [size] = await db.sql.query<{ rows: number; bytes: number }>(
    "SELECT (SELECT count(*) FROM rollup_groups)::int AS rows, pg_total_relation_size('rollup_groups')::bigint AS bytes",
  );
  lines.push(
    `roll-ups copied to ${REPORT_BRANCHES} branches in ${((performance.now() - t4) / 1000).toFixed(0)} s: ${size!.rows} rows, ${(size!.bytes / 1e6).toFixed(0)} MB with index ` +
      `(standing for ${REPORT_BRANCHES} × ${yearDays.length} days × ${TICKETS_PER_DAY} = ${((REPORT_BRANCHES * yearDays.length * TICKETS_PER_DAY) / 1e6).toFixed(1)} M tickets)`,
  );

  // What the maintainer's background round does after publications: each region's closed periods summed (migration 040).
  const t5 = performance.now();
  if (!(await refreshRegionRollups(db.sql))) throw new Error('region sums not built');
  const [sums] = await db.sql.query<{ periods: number; rows: number }>(
    'SELECT (SELECT count(*) FROM rollup_region_periods)::int AS periods, (SELECT count(*) FROM rollup_region_groups)::int AS rows',
  );
  lines.push(`region sums (${REGIONS} regions) built in ${((performance.now() - t5) / 1000).toFixed(0)} s: ${sums!.periods} region periods, ${sums!.rows} rows`);

  const from = addDays(TODAY, -364);
  const reportIds = Array.from({ length: REPORT_BRANCHES }, (_, n) => `report-${n}`).join(',');
  const figures: [string, string, string][] = [
    ['summary', 'region', 'summary by region'],
    ['summary', 'service', 'summary by service'],
    ['wait-histogram', 'service', 'wait histogram by service'],
    ['hourly', 'hour', 'hourly by hour'],
    ['counters', 'teller', 'counters by teller'],
    ['summary', 'day', 'summary by day (365 days, no months)'],
    ['summary', 'branch', "summary by branch (each branch's own roll-ups, no region sums)"],
  ];
  lines.push(`load average before the reports: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const [name, groupBy, label] of figures) {
    const path = `/api/reports/${name}?from=${from}&to=${TODAY}&groupBy=${groupBy}&branches=${reportIds}`;
    // Once more on a reset: on PGlite the region sums hold the event loop for seconds, and the server closes a kept-alive
    // connection late, just as the client reuses it (fetch's "read ECONNRESET").
    const first = await client.admin('GET', path).catch(() => client.admin('GET', path));
    if (first.status !== 200 || (first.body.branches as string[]).length !== REPORT_BRANCHES) throw new Error(JSON.stringify(first.body).slice(0, 500));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await client.admin('GET', path);
      runs.push(performance.now() - t);
    }
    lines.push(`${REPORT_BRANCHES} branches × ${from}..${TODAY}, ${label}: p50 ${ms(percentile(runs, 0.5))}, p99 ${ms(percentile(runs, 0.99))} of ${RUNS} (target: p99 ≤ 1 s)`);
  }
  lines.push(`load average after the reports: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(lines.join('\n'));
  branch.close();
  await central.close();
  await db.drop();
}

type Client = ReturnType<typeof centralClient>;

async function shipBatch(client: Client, token: string, body: { branchId: string; branchNow: number; remaining: number; records: OutboxRecord[] }): Promise<void> {
  const reply = await client.call('POST', CENTRAL_PATHS.batches, body, token);
  if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
}

/**
 * Branches real..total-1 as copies of branch (n mod real): its row and every roll-up row under a new id, in a
 * region of its own number. A report reads these rows as it would read 100 branches' own; only the figures repeat.
 */
async function cloneRollups(sql: Sql, real: number, total: number, regions: number): Promise<void> {
  for (let n = real; n < total; n++) {
    const params = [`report-${n}`, `report-${n % real}`];
    await sql.query(
      `INSERT INTO branches (id, name, region, created_at, last_heard_at, stored_through, branch_now, waiting_at_branch, complete_until)
       SELECT $1, 'Branch ' || $1, $3, created_at, last_heard_at, stored_through, branch_now, 0, complete_until FROM branches WHERE id = $2`,
      [...params, `region-${n % regions}`],
    );
    await sql.query(
      `INSERT INTO rollup_branches (branch_id, signature, published_seq, published_until, first_data_day, settings, services)
       SELECT $1, signature, published_seq, published_until, first_data_day, settings, services FROM rollup_branches WHERE branch_id = $2`,
      params,
    );
    await sql.query('INSERT INTO rollup_periods (branch_id, period, closed) SELECT $1, period, closed FROM rollup_periods WHERE branch_id = $2', params);
    await sql.query('INSERT INTO rollup_groups (branch_id, period, dim, key, data, figures) SELECT $1, period, dim, key, data, figures FROM rollup_groups WHERE branch_id = $2', params);
  }
  await sql.exec('ANALYZE');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
