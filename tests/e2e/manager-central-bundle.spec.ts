// A branch manager in Chromium meets head office's configuration bundle: a bundle held because it would overwrite
// a change made here is shown with the change, and accepting it applies it; head office then sees it running.
// Real head office (PGlite in this process), a real branch server linked to it, over 127.0.0.1.
import { expect, test } from '@playwright/test';
import { pino } from 'pino';
import { BUNDLE_PATHS, demoBranchConfig, type BranchBundleStatus } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { startCentralShipping, type CentralShipping } from '../../apps/server/src/central/central-shipping';
import { startBranch, type Branch } from '../support/start-branch';
import { ManagerPage } from './manager-page';

const ADMIN = 'admin-token-for-tests-0123456789';
let db: TestDatabase;
let central: RunningCentral;
let branch: Branch;
let shipping: CentralShipping | null = null;
let manager: ManagerPage | undefined;

test.beforeAll(async () => {
  db = await openTestDatabase();
  central = await startCentral({ sql: db.sql, adminToken: ADMIN });
  branch = await startBranch();
});
test.afterAll(async () => {
  await manager?.close();
  shipping?.stop();
  await branch?.stop();
  await central?.close();
  await db?.drop();
});

test('a held bundle is shown with the local change it would overwrite, and the manager accepts it', async ({ browser }) => {
  const hq = centralClient(central.url, ADMIN);
  const created = await hq.createBranch('e2e-branch');
  shipping = await startCentralShipping(
    branch.ctx,
    { RINDA_CENTRAL_URL: central.url, RINDA_CENTRAL_BRANCH_ID: 'e2e-branch', RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode, RINDA_CENTRAL_ALLOW_HTTP: '1', RINDA_CENTRAL_BUNDLE_POLL_SEC: '3600' },
    pino({ level: 'silent' }),
  );
  const sync = () => shipping!.syncBundles();
  await sync();
  const { openingHours: _local, ...cash } = demoBranchConfig.services[0]!;
  const publishAndAssign = async (targetWaitMin: number) => {
    const published = await hq.admin('POST', BUNDLE_PATHS.publish, { content: { services: [{ ...cash, targetWaitMin }] } });
    await hq.admin('POST', BUNDLE_PATHS.assign.replace(':version', String(published.body.version)), { branches: ['e2e-branch'] });
    return published.body.version as number;
  };
  await publishAndAssign(7);
  expect(await sync()).toBe('applied');
  // A manager here changes the cash target; head office's next bundle would overwrite it.
  await branch.createUser('ilze', 'manager-pass-1', 'manager', 'Ilze Bērziņa');
  expect(branch.ctx.setConfig({ ...branch.ctx.config(), services: branch.ctx.config().services.map((s) => (s.id === 'cash' ? { ...s, targetWaitMin: 12 } : s)) }).ok).toBe(true);
  const held = await publishAndAssign(5);
  expect(await sync()).toBe('conflict');

  manager = await ManagerPage.open(browser, branch.url, 'ilze', 'manager-pass-1');
  await manager.section('Configuration');
  const card = manager.page.getByRole('region', { name: 'Configuration from head office' });
  await expect(card).toContainText(`Bundle ${held} from head office is held: it would overwrite changes made here (services.cash.targetWaitMin).`);
  await card.getByRole('button', { name: `Apply bundle ${held} over the changes made here` }).click();
  await expect(card).toContainText(`Running head office's bundle ${held}.`);
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(manager.page.getByRole('form', { name: 'Service cash' }).getByLabel('Target T (minutes)')).toHaveValue('5');
  expect(await manager.accessibilityProblems()).toEqual([]);

  expect(await sync()).toBe('up-to-date');
  const status = (await hq.admin('GET', BUNDLE_PATHS.status)).body.branches as BranchBundleStatus[];
  expect(status.find((b) => b.branchId === 'e2e-branch')).toMatchObject({ state: 'applied', running: { version: held } });
});
