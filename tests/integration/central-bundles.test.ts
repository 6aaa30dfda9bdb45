import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { BUNDLE_PATHS, ConfigBundle, demoBranchConfig, type BranchBundleStatus, type BranchConfig, type ServiceConfig } from '@rinda/shared';
import { startCentral, type RunningCentral } from '@rinda/central';
import { centralClient } from '../../apps/central/src/test-support/central-client';
import { openTestDatabase, type TestDatabase } from '../../apps/central/src/test-support/test-database';
import { startCentralShipping, type CentralShipping } from '../../apps/server/src/central/central-shipping';
import { bundleHash } from '../../apps/server/src/central/bundle-hash';
import { readBundleState, tryBundle } from '../../apps/server/src/central/bundle-apply';
import { startBranch, type Branch } from '../support/start-branch';

/**
 * Configuration bundles end to end: a real head office (PGlite, or PostgreSQL with RINDA_TEST_PG_URL) and real
 * branch servers over 127.0.0.1, linked as a branch is (enrolment code, then its own token). The branches'
 * own timer is set to an hour so each test says when a branch syncs (`syncBundles`), as its minute poll would.
 */
const ADMIN = 'admin-token-for-tests-0123456789';
const silent = pino({ level: process.env.RINDA_TEST_LOG ?? 'silent' });

let db: TestDatabase;
let central: RunningCentral;
let hq: ReturnType<typeof centralClient>;
beforeAll(async () => {
  db = await openTestDatabase();
  central = await startCentral({ sql: db.sql, adminToken: ADMIN });
  hq = centralClient(central.url, ADMIN);
});
afterAll(async () => {
  await central.close();
  await db.drop();
});

interface LinkedBranch {
  branch: Branch;
  shipping: CentralShipping;
  sync(): Promise<string>;
  /** The branch back on line after its link was down: links again, and gives the outcome of the sync it makes at once. */
  reconnect(): Promise<string>;
  stop(): Promise<void>;
}

async function linkedBranch(id: string, region = 'riga'): Promise<LinkedBranch> {
  const branch = await startBranch();
  const created = await hq.createBranch(id, region);
  const env = {
    RINDA_CENTRAL_URL: central.url,
    RINDA_CENTRAL_BRANCH_ID: id,
    RINDA_CENTRAL_ENROLMENT_CODE: created.enrolmentCode,
    RINDA_CENTRAL_ALLOW_HTTP: '1',
    RINDA_CENTRAL_BUNDLE_POLL_SEC: '3600',
  };
  const connect = async () => {
    const shipping = await startCentralShipping(branch.ctx, env, silent);
    if (!shipping) throw new Error('not linked');
    return shipping;
  };
  const shipping = await connect();
  // The sync a branch makes as it links (nothing is assigned to it yet here).
  await shipping.syncBundles();
  const linked: LinkedBranch = {
    branch,
    shipping,
    async sync() {
      const outcome = await linked.shipping.syncBundles();
      if (outcome === null) throw new Error('not linked');
      return outcome;
    },
    async reconnect() {
      linked.shipping = await connect();
      return (await linked.shipping.syncBundles()) ?? 'not linked';
    },
    async stop() {
      linked.shipping.stop();
      await branch.stop();
    },
  };
  return linked;
}

const central1 = (s: ServiceConfig) => {
  const { openingHours: _local, ...managed } = s;
  return managed;
};
const cashOf = (config: BranchConfig) => config.services.find((s) => s.id === 'cash')!;
const demoCash = central1(cashOf(demoBranchConfig));

async function publish(content: unknown, note = ''): Promise<{ version: number; hash: string }> {
  const reply = await hq.admin('POST', BUNDLE_PATHS.publish, { content, note });
  if (reply.status !== 201) throw new Error(`publish: ${reply.status} ${JSON.stringify(reply.body)}`);
  const { version, hash } = reply.body as { version: number; hash: string };
  return { version, hash };
}
async function assign(version: number, body: Record<string, unknown>): Promise<void> {
  const reply = await hq.admin('POST', BUNDLE_PATHS.assign.replace(':version', String(version)), body);
  if (reply.status !== 200) throw new Error(`assign: ${reply.status} ${JSON.stringify(reply.body)}`);
}
async function statusAtHeadOffice(id: string): Promise<BranchBundleStatus> {
  const reply = await hq.admin('GET', BUNDLE_PATHS.status);
  return (reply.body.branches as BranchBundleStatus[]).find((b) => b.branchId === id)!;
}
const audit = (linked: LinkedBranch) =>
  linked.branch.ctx.db.prepare("SELECT user_id AS userId, action, target, after FROM audit_log WHERE action LIKE 'central-bundle.%' ORDER BY id").all() as {
    userId: string;
    action: string;
    target: string;
    after: string;
  }[];
const configRecords = (linked: LinkedBranch) => linked.branch.ctx.db.prepare("SELECT count(*) FROM central_outbox WHERE kind = 'config'").pluck().get() as number;

describe('configuration bundles from head office', () => {
  it('a bundle assigned to a region is applied by its branch through its configuration path, audited, and head office sees the version it runs', async () => {
    const riga = await linkedBranch('bundle-riga', 'riga-region');
    const other = await linkedBranch('bundle-elsewhere', 'kurzeme-region');
    const content = { services: [{ ...demoCash, targetWaitMin: 7, goalPercent: 85 }], priorityPolicy: { priority: 1, normal: 3, maxNormalWaitMin: 25 } };
    const v = await publish(content, 'tighter cash target');
    await assign(v.version, { region: 'riga-region' });
    expect((await statusAtHeadOffice('bundle-riga')).state).toBe('pending');
    const manager = await riga.branch.connect({ token: await riga.branch.userToken('manager') });
    const changed = riga.branch.nextEvent(manager, 'config:changed');

    expect(await riga.sync()).toBe('applied');
    const config = riga.branch.ctx.config();
    expect(cashOf(config)).toMatchObject({ targetWaitMin: 7, goalPercent: 85, openingHours: cashOf(demoBranchConfig).openingHours });
    expect(config.priorityPolicy).toEqual(content.priorityPolicy);
    expect(config.counters).toEqual(demoBranchConfig.counters);
    expect(cashOf((await changed).config).targetWaitMin).toBe(7);
    expect(audit(riga)).toMatchObject([{ userId: 'head-office', action: 'central-bundle.apply', target: `bundle ${v.version}` }]);
    // It went through the database, not only memory: the stored configuration is the new one.
    const stored = JSON.parse(riga.branch.ctx.db.prepare('SELECT json FROM branch_config').pluck().get() as string) as BranchConfig;
    expect(stored).toEqual(config);

    expect(await statusAtHeadOffice('bundle-riga')).toMatchObject({ state: 'applied', running: v, assigned: { ...v, force: false }, drift: [] });
    const otherBefore = other.branch.ctx.config();
    expect(await other.sync()).toBe('up-to-date');
    expect(other.branch.ctx.config()).toEqual(otherBefore);
    expect(await statusAtHeadOffice('bundle-elsewhere')).toMatchObject({ state: 'unassigned', running: null });
    await riga.stop();
    await other.stop();
  });

  it('a branch whose link was down while two bundles were published gets only the latest when it is back', async () => {
    const away = await linkedBranch('bundle-away');
    away.shipping.stop();
    const first = await publish({ services: [{ ...demoCash, targetWaitMin: 9 }] }, 'first');
    await assign(first.version, { branches: ['bundle-away'] });
    const second = await publish({ services: [{ ...demoCash, targetWaitMin: 11 }] }, 'second');
    await assign(second.version, { branches: ['bundle-away'] });
    // Meanwhile the branch works as ever on its own configuration.
    expect(cashOf(away.branch.ctx.config()).targetWaitMin).toBe(cashOf(demoBranchConfig).targetWaitMin);
    expect((await statusAtHeadOffice('bundle-away')).state).toBe('pending');

    expect(await away.reconnect()).toBe('applied');
    expect(cashOf(away.branch.ctx.config()).targetWaitMin).toBe(11);
    expect(audit(away).map((a) => a.target)).toEqual([`bundle ${second.version}`]);
    expect(await statusAtHeadOffice('bundle-away')).toMatchObject({ state: 'applied', running: second });
    await away.stop();
  });

  it('refuses a bundle that would make the configuration invalid: nothing changes, and head office is told why', async () => {
    const strict = await linkedBranch('bundle-invalid');
    const before = strict.branch.ctx.config();
    const configsBefore = configRecords(strict);
    // Valid as a bundle, but cash would take the prefix of another service of this branch.
    const v = await publish({ services: [{ ...demoCash, prefix: 'B' }], priorityPolicy: { priority: 5, normal: 1, maxNormalWaitMin: 5 } });
    await assign(v.version, { branches: ['bundle-invalid'] });

    expect(await strict.sync()).toBe('failed');
    expect(strict.branch.ctx.config()).toEqual(before);
    expect(configRecords(strict)).toBe(configsBefore);
    expect(audit(strict)).toEqual([]);
    const status = await statusAtHeadOffice('bundle-invalid');
    expect(status).toMatchObject({ state: 'failed', running: null });
    expect(status.reason).toMatch(/duplicate prefix B/);
    // Trying again at the next poll changes nothing either, and is not news.
    expect(await strict.sync()).toBe('failed');
    expect(strict.branch.ctx.config()).toEqual(before);
    await strict.stop();
  });

  it("reports a manager's local change as drift and never overwrites it silently: the next bundle is held until head office forces it or the manager accepts", async () => {
    const local = await linkedBranch('bundle-drift');
    const manager = await local.branch.userToken('manager');
    const v1 = await publish({ services: [{ ...demoCash, targetWaitMin: 7 }], priorityPolicy: { priority: 1, normal: 2, maxNormalWaitMin: 20 } });
    await assign(v1.version, { branches: ['bundle-drift'] });
    expect(await local.sync()).toBe('applied');

    // The manager changes the cash target through the manager app's route.
    const put = (targetWaitMin: number) =>
      local.branch.http('/api/admin/services/cash', { method: 'PUT', token: manager, body: { ...cashOf(local.branch.ctx.config()), targetWaitMin } });
    expect((await put(12)).status).toBe(200);
    expect(await local.sync()).toBe('up-to-date');
    expect(await statusAtHeadOffice('bundle-drift')).toMatchObject({ state: 'drifted', running: v1, drift: ['services.cash.targetWaitMin'] });

    // A new bundle that sets the changed value is held whole: neither its target nor its policy lands.
    const v2 = await publish({ services: [{ ...demoCash, targetWaitMin: 5 }], priorityPolicy: { priority: 1, normal: 4, maxNormalWaitMin: 20 } });
    await assign(v2.version, { branches: ['bundle-drift'] });
    expect(await local.sync()).toBe('conflict');
    expect(cashOf(local.branch.ctx.config()).targetWaitMin).toBe(12);
    expect(local.branch.ctx.config().priorityPolicy.normal).toBe(2);
    const held = await statusAtHeadOffice('bundle-drift');
    expect(held).toMatchObject({ state: 'conflict', running: v1 });
    expect(held.reason).toMatch(/services\.cash\.targetWaitMin/);
    const seen = await (await local.branch.http('/api/admin/central-bundle', { token: manager })).json();
    expect(seen).toMatchObject({ running: v1, held: v2, drift: ['services.cash.targetWaitMin'], last: { ...v2, outcome: 'conflict' } });

    // Head office forces it: applied over the local change, and the audit entry names what was overwritten.
    await assign(v2.version, { branches: ['bundle-drift'], force: true });
    expect((await statusAtHeadOffice('bundle-drift')).state).toBe('pending');
    expect(await local.sync()).toBe('applied');
    expect(cashOf(local.branch.ctx.config()).targetWaitMin).toBe(5);
    expect(JSON.parse(audit(local).at(-1)!.after)).toMatchObject({ version: v2.version, overwrittenLocalChanges: ['services.cash.targetWaitMin'] });
    expect(await statusAtHeadOffice('bundle-drift')).toMatchObject({ state: 'applied', running: v2, drift: [] });

    // Changed again locally, the next bundle is held again; this time the branch's manager accepts it.
    expect((await put(15)).status).toBe(200);
    const v3 = await publish({ services: [{ ...demoCash, targetWaitMin: 6 }] });
    await assign(v3.version, { branches: ['bundle-drift'] });
    expect(await local.sync()).toBe('conflict');
    const stale = await local.branch.http('/api/admin/central-bundle/accept', { method: 'POST', token: manager, body: { version: v2.version } });
    expect(stale.status).toBe(404);
    const accepted = await local.branch.http('/api/admin/central-bundle/accept', { method: 'POST', token: manager, body: { version: v3.version } });
    expect(accepted.status).toBe(200);
    expect(cashOf(local.branch.ctx.config()).targetWaitMin).toBe(6);
    expect(audit(local).at(-1)).toMatchObject({ action: 'central-bundle.accept', target: `bundle ${v3.version}` });
    expect(audit(local).at(-1)!.userId).not.toBe('head-office');
    expect(await local.sync()).toBe('up-to-date');
    expect(await statusAtHeadOffice('bundle-drift')).toMatchObject({ state: 'applied', running: v3 });
    await local.stop();
  });

  it('a lost acknowledgement is healed by the next sync: head office learns what the branch runs from its report', async () => {
    const quiet = await linkedBranch('bundle-lost-ack');
    const v = await publish({ priorityPolicy: { priority: 1, normal: 5, maxNormalWaitMin: 30 } });
    await assign(v.version, { branches: ['bundle-lost-ack'] });
    // The branch applies the bundle, but its acknowledgement never reaches head office (the link drops after the reply).
    const bundle = ConfigBundle.parse((await hq.admin('GET', BUNDLE_PATHS.bundle.replace(':version', String(v.version)))).body);
    quiet.shipping.stop();
    expect(tryBundle({ ...quiet.branch.ctx, logger: silent }, bundle, { force: false, by: 'head-office', action: 'central-bundle.apply' }).outcome.outcome).toBe('applied');
    expect((await statusAtHeadOffice('bundle-lost-ack')).state).toBe('pending');
    // Back: the branch's first sync says what it runs; nothing is applied twice.
    expect(await quiet.reconnect()).toBe('up-to-date');
    expect(await statusAtHeadOffice('bundle-lost-ack')).toMatchObject({ state: 'applied', running: v });
    expect(audit(quiet)).toHaveLength(1);
    await quiet.stop();
  });

  it("a branch cannot fetch another branch's bundle, even with a valid credential of its own", async () => {
    const mine = await linkedBranch('bundle-mine');
    const theirs = await linkedBranch('bundle-theirs');
    const v = await publish({ priorityPolicy: { priority: 3, normal: 1, maxNormalWaitMin: 15 } }, 'for bundle-mine only');
    await assign(v.version, { branches: ['bundle-mine'] });
    const token = theirs.branch.ctx.db.prepare('SELECT token FROM central_link').pluck().get() as string;
    const asking = await hq.call('POST', BUNDLE_PATHS.sync, { branchId: 'bundle-mine', running: null, drift: [], last: null }, token);
    expect(asking.status).toBe(403);
    expect(JSON.stringify(asking.body)).not.toContain('for bundle-mine only');
    expect(await theirs.sync()).toBe('up-to-date');
    expect(theirs.branch.ctx.config().priorityPolicy).toEqual(demoBranchConfig.priorityPolicy);
    expect(await mine.sync()).toBe('applied');
    await mine.stop();
    await theirs.stop();
  });

  it('applies a bundle all at once or not at all: a tampered bundle, or a failure inside the transaction, changes nothing', async () => {
    const branch = await startBranch();
    const ctx = { ...branch.ctx, logger: silent };
    const content = { priorityPolicy: { priority: 2, normal: 1, maxNormalWaitMin: 10 } };
    const bundle = { version: 41, hash: bundleHash(content), content, note: '', createdAt: 1 };
    const before = branch.ctx.config();
    const configsBefore = branch.ctx.db.prepare("SELECT count(*) FROM central_outbox WHERE kind = 'config'").pluck().get();

    const tampered = tryBundle(ctx, { ...bundle, content: { priorityPolicy: { ...content.priorityPolicy, priority: 20 } } }, { force: false, by: 'head-office', action: 'central-bundle.apply' });
    expect(tampered.outcome).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/does not match its hash/) });
    expect(branch.ctx.config()).toEqual(before);

    // The audit entry cannot be written: the configuration, its outbox record and the bundle's record roll back together.
    branch.ctx.db.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
    expect(() => tryBundle(ctx, bundle, { force: false, by: 'head-office', action: 'central-bundle.apply' })).toThrow(/audit_log/);
    expect(branch.ctx.config()).toEqual(before);
    expect(JSON.parse(branch.ctx.db.prepare('SELECT json FROM branch_config').pluck().get() as string)).toEqual(before);
    expect(branch.ctx.db.prepare("SELECT count(*) FROM central_outbox WHERE kind = 'config'").pluck().get()).toBe(configsBefore);
    expect(readBundleState(branch.ctx.db).running).toBeNull();
    await branch.stop();
  });
});
