import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../tests/support/start-branch';
import { DEMO_PRINTER_URL, seedDemo } from './demo';

describe('demo seeding', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('creates the demo users and devices once, and gives the devices fresh working tokens on each start', async () => {
    branch = await startBranch();
    const first = await seedDemo(branch.ctx);
    const second = await seedDemo(branch.ctx);
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
    expect(branch.ctx.auth.authenticate(first.kioskToken)).toBeNull();
    expect(branch.ctx.auth.authenticate(second.kioskToken)).toMatchObject({ role: 'kiosk' });
    expect(branch.ctx.auth.authenticate(second.displayToken)).toMatchObject({ role: 'display' });
    expect(await branch.login('teller1', 'teller')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await branch.login('manager', 'manager')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
