import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../tests/support/start-branch';
import { insertUser } from './auth/users';
import { countDemoData, DEMO_PRINTER_URL, markLegacyDemoData, seedDemo } from './demo';

describe('demo seeding', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('creates the demo users and devices once, marked demo, and keeps the devices’ tokens across restarts', async () => {
    branch = await startBranch({ demo: true });
    const first = await seedDemo(branch.ctx, branch.dataDir);
    await branch.restart();
    const second = await seedDemo(branch.ctx, branch.dataDir);
    expect(second).toEqual(first);
    const users = branch.ctx.db.prepare('SELECT username, role, is_demo FROM users ORDER BY username').all();
    expect(users).toEqual([
      { username: 'manager', role: 'manager', is_demo: 1 },
      { username: 'teller1', role: 'teller', is_demo: 1 },
      { username: 'teller2', role: 'teller', is_demo: 1 },
      { username: 'teller3', role: 'teller', is_demo: 1 },
      { username: 'teller4', role: 'teller', is_demo: 1 },
    ]);
    const devices = branch.ctx.db.prepare('SELECT kind, printer_url, is_demo FROM devices ORDER BY kind').all();
    expect(devices).toEqual([
      { kind: 'display', printer_url: null, is_demo: 1 },
      { kind: 'kiosk', printer_url: DEMO_PRINTER_URL, is_demo: 1 },
    ]);
    expect(branch.ctx.auth.authenticate(second.kioskToken)).toMatchObject({ role: 'kiosk' });
    expect(branch.ctx.auth.authenticate(second.displayToken)).toMatchObject({ role: 'display' });
    expect(await branch.login('teller1', 'teller')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await branch.login('manager', 'manager')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives a device a new token when the kept one no longer works (revoked)', async () => {
    branch = await startBranch({ demo: true });
    const first = await seedDemo(branch.ctx, branch.dataDir);
    branch.ctx.db.prepare("UPDATE devices SET revoked_at = 1 WHERE kind = 'kiosk'").run();
    const second = await seedDemo(branch.ctx, branch.dataDir);
    expect(second.kioskToken).not.toBe(first.kioskToken);
    expect(second.displayToken).toBe(first.displayToken);
    expect(branch.ctx.auth.authenticate(first.kioskToken)).toBeNull();
    expect(branch.ctx.auth.authenticate(second.kioskToken)).toMatchObject({ role: 'kiosk' });
    expect(statSync(join(branch.dataDir, 'demo-devices.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses the demo accounts and devices, saying why, once the same data runs without --demo', async () => {
    branch = await startBranch({ demo: true });
    const tokens = await seedDemo(branch.ctx, branch.dataDir);
    const session = await branch.login('manager', 'manager');
    branch = await restartAs(branch, false);
    const login = await branch.http('/api/auth/login', { body: { username: 'manager', password: 'manager' } });
    expect(login.status).toBe(403);
    expect(await login.json()).toMatchObject({ error: { code: 'DEMO_ACCOUNT', message: expect.stringContaining('only while the server runs with --demo') } });
    expect(await branch.connectError({ token: tokens.kioskToken })).toMatchObject({ code: 'DEMO_ACCOUNT', message: expect.stringContaining('demo device') });
    // A session made while the demo ran does not carry over either.
    expect(await (await branch.http('/api/admin/users', { token: session })).json()).toMatchObject({ error: { code: 'DEMO_ACCOUNT' } });
    expect(countDemoData(branch.ctx.db)).toEqual({ users: 5, devices: 2 });
  });

  it('marks the demo data of a database seeded before demo data was marked, and nothing else', async () => {
    branch = await startBranch({ demo: true });
    await seedDemo(branch.ctx, branch.dataDir);
    // As an older Rinda left it: the same accounts and devices, unmarked; and a real user who chose "manager" as a name.
    branch.ctx.db.prepare("UPDATE users SET is_demo = 0, username = 'kept-' || username WHERE username != 'manager'").run();
    branch.ctx.db.prepare("UPDATE users SET is_demo = 0 WHERE username = 'manager'").run();
    branch.ctx.db.prepare('UPDATE devices SET is_demo = 0').run();
    await insertUser(branch.ctx.db, { username: 'teller1', password: 'a real password of hers', name: 'Real', role: 'teller' }, { isDemo: false, mustChangePassword: false }, 0);
    expect(await markLegacyDemoData(branch.ctx.db, branch.dataDir)).toBe(3);
    const marked = branch.ctx.db.prepare('SELECT username FROM users WHERE is_demo = 1').all();
    expect(marked).toEqual([{ username: 'manager' }]);
    expect(countDemoData(branch.ctx.db).devices).toBe(2);
  });
});

/** The same data directory, started again with or without --demo. */
async function restartAs(running: Branch, demo: boolean): Promise<Branch> {
  const dataDir = running.dataDir;
  await running.app.close();
  const next = await startBranch({ dataDir, demo });
  const stop = next.stop;
  next.stop = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return next;
}
