import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { businessDayStart, demoBranchConfig, parseClockTime } from '@rinda/shared';
import { openSql, type Sql } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { openDatabase } from '../../apps/server/src/db/database';
import { generateHistory } from '../../apps/server/src/reports/test-support/generate-history';
import { rateServedVisits } from '../../apps/server/src/reports/test-support/rate-visits';
import { historyWriter } from '../../apps/server/src/reports/test-support/write-history';
import { saveConfig } from '../../apps/server/src/store/config-store';
import { seededRandom } from '../support/seeded-random';
import { NodeProcess } from './support/node-process';
import { freePort } from './support/server-process';

const ADMIN = 'admin-token-for-fault-tests-0123456789';
const KILLS = 6;
const config = demoBranchConfig;
const localAt = (date: string, clock: string) => businessDayStart(date, config.branch.timeZone, parseClockTime(clock));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = new URL('../../', import.meta.url).pathname;

const dirs: string[] = [];
let pgDatabase: TestDatabase | null = null;
afterAll(async () => {
  await pgDatabase?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('shipping to head office survives kill -9 of either side at any moment', () => {
  it("ends with head office holding exactly the branch's records, each once, in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinda-central-kill-'));
    dirs.push(dir);
    // Head office on the real PostgreSQL when the run has one (CI), else PGlite in a directory of its own.
    pgDatabase = process.env.RINDA_TEST_PG_URL ? await openTestDatabase() : null;
    console.log(`head office in this fault test: ${pgDatabase ? pgDatabase.label : 'PGlite on disk'}`);
    const centralPort = await freePort();
    const centralArgs = ['--no-tls', '--host', '127.0.0.1', '--port', String(centralPort), '--data-dir', join(dir, 'central')];
    if (pgDatabase?.url) centralArgs.push('--database-url', pgDatabase.url);
    const central = new NodeProcess('head office', join(root, 'apps/central/src/main.ts'), centralArgs, { RINDA_CENTRAL_ADMIN_TOKEN: ADMIN, RINDA_ALLOW_ROOT: '1' });
    await central.start('ready at');
    const centralUrl = `http://127.0.0.1:${centralPort}`;
    const { enrolmentCode } = await centralClient(centralUrl, ADMIN).createBranch('killed');

    // The branch's history is committed before it starts, so shipping is under way whenever a kill lands.
    const branchDir = join(dir, 'branch');
    const file = join(branchDir, 'rinda.sqlite');
    const seed = openDatabase(file);
    saveConfig(seed, config, 1);
    historyWriter(seed, config).write(generateHistory(config, ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28'], localAt).events, { oneTransaction: true });
    // Ratings too: records of their own kind, queued after the events, held at the end exactly once like them.
    expect(rateServedVisits(seed)).toBeGreaterThan(50);
    const expected = (seed.prepare('SELECT seq, kind, body FROM central_outbox ORDER BY seq').all() as { seq: number; kind: string; body: string }[]).map((r) => ({
      seq: r.seq,
      kind: r.kind,
      body: JSON.parse(r.body) as unknown,
    }));
    seed.close();

    const branchPort = await freePort();
    const branch = new NodeProcess('branch', join(root, 'apps/server/src/main.ts'), ['--no-tls', '--host', '127.0.0.1', '--port', String(branchPort), '--data-dir', branchDir], {
      RINDA_ALLOW_ROOT: '1',
      RINDA_LOG_LEVEL: 'warn',
      RINDA_CENTRAL_URL: centralUrl,
      RINDA_CENTRAL_BRANCH_ID: 'killed',
      RINDA_CENTRAL_ENROLMENT_CODE: enrolmentCode,
      RINDA_CENTRAL_ALLOW_HTTP: '1',
      RINDA_CENTRAL_BATCH: '5',
    });
    await branch.start('health:');

    const rand = seededRandom(21);
    const lastSeq = expected[expected.length - 1]!.seq;
    const watch = new Database(file, { readonly: true });
    const confirmed = () => (watch.prepare('SELECT stored_through FROM central_link').pluck().get() as number | undefined) ?? 0;
    const kills: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Each kill lands further into the shipping, at a random moment within a batch or two.
      const mark = Math.floor(((i + 1) * lastSeq) / (KILLS + 2));
      while (confirmed() < mark) await sleep(5);
      await sleep(Math.floor(rand() * 40));
      const which = (['head office', 'branch', 'both'] as const)[i % 3]!;
      if (which !== 'branch') await central.kill();
      if (which !== 'head office') await branch.kill();
      kills.push(`${which} at ${confirmed()}/${lastSeq}`);
      await sleep(Math.floor(rand() * 100));
      if (which !== 'branch') await central.start('ready at');
      if (which !== 'head office') await branch.start('health:');
    }
    console.log(`killed with -9 (confirmed/last record at the kill): ${kills.join(', ')}`);
    // The kills must land while shipping is under way, or the test proves nothing.
    expect(kills.filter((k) => !k.endsWith(` ${lastSeq}/${lastSeq}`)).length).toBeGreaterThanOrEqual(KILLS - 1);

    // Done when the branch has been told head office holds its last record (read from its own file, as WAL allows).
    const deadline = Date.now() + 90_000;
    while (confirmed() < lastSeq) {
      if (Date.now() > deadline) throw new Error(`shipping did not finish: ${branch.log()}`);
      await sleep(100);
    }
    watch.close();
    await branch.kill();
    // PGlite's directory belongs to one process: head office stops before the test reads it.
    if (!pgDatabase?.url) await central.kill();
    const sql: Sql = await openSql(pgDatabase?.url ? { url: pgDatabase.url } : { dataDir: join(dir, 'central', 'pglite') });
    const held = await sql.query('SELECT seq, kind, body FROM branch_events WHERE branch_id = $1 ORDER BY seq', ['killed']);
    await sql.close();
    await central.kill();
    expect(held.length).toBe(expected.length);
    expect(held).toEqual(expected);
    expect(held.filter((r) => (r as { kind: string }).kind === 'rating').length).toBeGreaterThan(50);
  }, 240_000);
});

