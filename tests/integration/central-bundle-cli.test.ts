import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_PATHS, type BranchBundleStatus } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';

/** The operator's tool (`npm run central:bundle`) as a real process against a real head office on 127.0.0.1. */
const ADMIN = 'admin-token-for-tests-0123456789';
const CLI = join(import.meta.dirname, '../../apps/central/src/bundle-cli.ts');
let db: TestDatabase;
let central: RunningCentral;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  central = await startCentral({ sql: db.sql, adminToken: ADMIN });
  dir = mkdtempSync(join(tmpdir(), 'rinda-bundle-cli-'));
});
afterAll(async () => {
  await central.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = { RINDA_CENTRAL_ADMIN_TOKEN: ADMIN }): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, RINDA_CENTRAL_URL: '', ...env } });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe('npm run central:bundle', () => {
  it('publishes a bundle from a file and assigns it to a region in one command; status shows it pending', async () => {
    const hq = centralClient(central.url, ADMIN);
    await hq.createBranch('cli-a', 'cli-region');
    await hq.createBranch('cli-b', 'cli-region');
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ priorityPolicy: { priority: 1, normal: 2, maxNormalWaitMin: 20 } }));
    const published = await cli(['publish', '--url', central.url, '--file', file, '--note', 'chain policy', '--region', 'cli-region']);
    expect(published, published.err).toMatchObject({ code: 0 });
    expect(published.out).toMatch(/published bundle (\d+) \(sha256 [0-9a-f]{64}\)/);
    expect(published.out).toMatch(/assigned bundle \d+ to cli-a, cli-b/);
    const status = (await hq.admin('GET', BUNDLE_PATHS.status)).body.branches as BranchBundleStatus[];
    expect(status.filter((b) => b.region === 'cli-region').map((b) => b.state)).toEqual(['pending', 'pending']);
    const listed = await cli(['status', '--url', central.url]);
    expect(listed.out).toMatch(/cli-a {2}cli-region {2}pending {2}assigned \d+ {2}running -/);
  });

  it('refuses bad flags with a clear message before sending anything, and shows head office refusals', async () => {
    const noToken = await cli(['status', '--url', central.url], {});
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/RINDA_CENTRAL_ADMIN_TOKEN/);
    const remoteHttp = await cli(['status', '--url', 'http://head-office.example']);
    expect(remoteHttp.code).toBe(2);
    expect(remoteHttp.err).toMatch(/https/);
    const noTarget = await cli(['assign', '--url', central.url, '--version', '1']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.err).toMatch(/--region R or --branches/);
    const badIds = await cli(['assign', '--url', central.url, '--version', '1', '--branches', 'Not An Id']);
    expect(badIds.err).toMatch(/not a list of branch ids/);
    const file = join(dir, 'not-a-bundle.json');
    writeFileSync(file, JSON.stringify({ counters: [] }));
    const refused = await cli(['publish', '--url', central.url, '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/head office refused \(400\)/);
  });
});
