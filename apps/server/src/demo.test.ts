import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../tests/support/start-branch';
import { DEMO_PRINTER_URL, seedDemo } from './demo';

describe('demo seeding', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('creates the demo users and devices once, and keeps the devices’ tokens across restarts', async () => {
    branch = await startBranch();
    const first = await seedDemo(branch.ctx, branch.dataDir);
    await branch.restart();
    const second = await seedDemo(branch.ctx, branch.dataDir);
    expect(second).toEqual(first);
    const users = branch.ctx.db.prepare('SELECT username, role FROM users ORDER BY username').all();
    expect(users).toEqual([
      { username: 'manager', role: 'manager' },
      { username: 'teller1', role: 'teller' },
      { username: 'teller2', role: 'teller' },
      { username: 'teller3', role: 'teller' },
      { username: 'teller4', role: 'teller' },
    ]);
    const devices = branch.ctx.db.prepare('SELECT kind, printer_url FROM devices ORDER BY kind').all();
    expect(devices).toEqual([
      { kind: 'display', printer_url: null },
      { kind: 'kiosk', printer_url: DEMO_PRINTER_URL },
    ]);
    expect(branch.ctx.auth.authenticate(second.kioskToken)).toMatchObject({ role: 'kiosk' });
    expect(branch.ctx.auth.authenticate(second.displayToken)).toMatchObject({ role: 'display' });
    expect(await branch.login('teller1', 'teller')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await branch.login('manager', 'manager')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives a device a new token when the kept one no longer works (revoked)', async () => {
    branch = await startBranch();
    const first = await seedDemo(branch.ctx, branch.dataDir);
    branch.ctx.db.prepare("UPDATE devices SET revoked_at = 1 WHERE kind = 'kiosk'").run();
    const second = await seedDemo(branch.ctx, branch.dataDir);
    expect(second.kioskToken).not.toBe(first.kioskToken);
    expect(second.displayToken).toBe(first.displayToken);
    expect(branch.ctx.auth.authenticate(first.kioskToken)).toBeNull();
    expect(branch.ctx.auth.authenticate(second.kioskToken)).toMatchObject({ role: 'kiosk' });
    expect(statSync(join(branch.dataDir, 'demo-devices.json')).mode & 0o777).toBe(0o600);
  });
});
