/**
 * `npm run bench:head-office [-- --branches=100 --report-branches=10 --report-days=60]`: head office's figures
 * (docs/BENCHMARKS.md, "Head office"). On the real PostgreSQL named by RINDA_TEST_PG_URL when set, else PGlite.
 *   1. ingest: `branches` simulated branches ship batches of 500 records at once, over HTTP on 127.0.0.1;
 *   2. catch-up: one busy branch (300 tickets a day) back after 7 days offline, shipped by the real shipper;
 *   3. cross-branch report: `report-branches` branches × `report-days` days replayed at head office, then the
 *      summary grouped by region over the whole range: first (builds the roll-ups) and again (p50, p99 of 20).
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { addDays, businessDayStart, CENTRAL_LIMITS, CENTRAL_PATHS, demoBranchConfig, parseClockTime, type DomainEvent, type OutboxRecord } from '@rinda/shared';
import { startCentral } from '@rinda/central';
import { centralClient } from '../../../apps/central/src/test-support/central-client';
import { openTestDatabase } from '../../../apps/central/src/test-support/test-database';
import { resolveCentralLink } from '../../../apps/server/src/central/central-link';
import { OutboxShipper } from '../../../apps/server/src/central/outbox-shipper';
import { openDatabase } from '../../../apps/server/src/db/database';
import { generateHistory } from '../../../apps/server/src/reports/test-support/generate-history';
import { historyWriter } from '../../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../../apps/server/src/store/config-store';

const { values } = parseArgs({ options: { branches: { type: 'string', default: '100' }, 'batches-each': { type: 'string', default: '6' }, 'report-branches': { type: 'string', default: '10' }, 'report-days': { type: 'string', default: '60' } } });
const BRANCHES = Number(values.branches);
const BATCHES_EACH = Number(values['batches-each']);
const REPORT_BRANCHES = Number(values['report-branches']);
const REPORT_DAYS = Number(values['report-days']);
const ADMIN = 'admin-token-for-the-benchmark-0123456789';
const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
const silent = pino({ level: 'silent' });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const db = await openTestDatabase();
  const central = await startCentral({ sql: db.sql, adminToken: ADMIN });
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

  // 3. Cross-branch report over REPORT_BRANCHES × REPORT_DAYS.
  const days = Array.from({ length: REPORT_DAYS }, (_, i) => addDays('2026-01-05', i));
  const history = generateHistory(config, days, localAt, 3, 150).events;
  let shipped = 0;
  const t2 = performance.now();
  for (let b = 0; b < REPORT_BRANCHES; b++) {
    const id = `report-${b}`;
    const c = await client.createBranch(id, `region-${b % 4}`);
    const token = (await client.enrol(id, c.enrolmentCode)).body.token as string;
    const all: OutboxRecord[] = [{ seq: 1, kind: 'config', at: 0, body: config }, ...history.map((e, i): OutboxRecord => ({ seq: i + 2, kind: 'event', at: e.at, body: e }))];
    for (let i = 0; i < all.length; i += CENTRAL_LIMITS.maxBatchRecords) {
      const part = all.slice(i, i + CENTRAL_LIMITS.maxBatchRecords);
      await client.call('POST', CENTRAL_PATHS.batches, { branchId: id, branchNow: localAt('2026-12-01', '12:00'), remaining: all.length - i - part.length, records: part }, token);
    }
    shipped += all.length;
  }
  lines.push(`report history: ${REPORT_BRANCHES} branches × ${REPORT_DAYS} days × 150 tickets = ${shipped} records stored in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
  const query = `?from=${days[0]}&to=${days[days.length - 1]}&groupBy=region`;
  const t3 = performance.now();
  const first = await client.admin('GET', `/api/reports/summary${query}`);
  if (first.status !== 200) throw new Error(JSON.stringify(first.body));
  lines.push(`cross-branch summary by region, first (replays ${shipped} records into replicas and rolls every day up): ${ms(performance.now() - t3)}`);
  const again: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await client.admin('GET', `/api/reports/summary${query}`);
    again.push(performance.now() - t);
  }
  lines.push(`cross-branch summary by region, from roll-ups: p50 ${ms(percentile(again, 0.5))}, p99 ${ms(percentile(again, 0.99))} (target: p99 ≤ 1 s)`);
  console.log(lines.join('\n'));
  branch.close();
  await central.close();
  await db.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
