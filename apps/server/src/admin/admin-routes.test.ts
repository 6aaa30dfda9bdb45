import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

async function managerBranch() {
  branch = await startBranch();
  const token = await branch.userToken('manager', 'maija');
  return { branch, token };
}

describe('configuration and administration', () => {
  it('applies a service target change live, broadcasts it to a kiosk and writes the audit log', async () => {
    const { branch, token } = await managerBranch();
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const cash = branch.ctx.config().services.find((s) => s.id === 'cash')!;
    const changed = branch.nextEvent(kiosk, 'config:changed');
    const res = await branch.http('/api/admin/services/cash', { method: 'PUT', token, body: { ...cash, targetWaitMin: 4, goalPercent: 75 } });
    expect(res.status).toBe(200);
    const msg = await changed;
    expect(msg.config.services.find((s) => s.id === 'cash')).toMatchObject({ targetWaitMin: 4, goalPercent: 75 });
    expect(branch.ctx.config().services.find((s) => s.id === 'cash')?.targetWaitMin).toBe(4);
    const audit = (await (await branch.http('/api/admin/audit', { token })).json()) as { entries: { action: string; target: string; before: { targetWaitMin: number }; after: { targetWaitMin: number } }[] };
    expect(audit.entries[0]).toMatchObject({ action: 'service.update', target: 'cash', before: { targetWaitMin: cash.targetWaitMin }, after: { targetWaitMin: 4 } });
  });

  it('adds a counter, replaces it in place and removes it, auditing each step', async () => {
    const { branch, token } = await managerBranch();
    const ids = () => branch.ctx.config().counters.map((c) => c.id);
    const counter = { id: 'c9', name: 'Counter 9', number: 9, serviceIds: ['cash'] };
    expect((await branch.http('/api/admin/counters/c9', { method: 'PUT', token, body: counter })).status).toBe(200);
    expect(ids()).toEqual(['c1', 'c2', 'c3', 'c4', 'c9']);
    const renamed = { ...counter, name: 'Window 9', serviceIds: ['loans', 'cash'] };
    expect((await branch.http('/api/admin/counters/c9', { method: 'PUT', token, body: renamed })).status).toBe(200);
    expect(ids()).toEqual(['c1', 'c2', 'c3', 'c4', 'c9']);
    expect(branch.ctx.config().counters.find((c) => c.id === 'c9')).toEqual(renamed);
    expect((await branch.http('/api/admin/counters/c9', { method: 'DELETE', token })).status).toBe(200);
    expect(ids()).toEqual(['c1', 'c2', 'c3', 'c4']);
    const audit = (await (await branch.http('/api/admin/audit', { token })).json()) as { entries: { action: string; target: string; before: unknown }[] };
    expect(audit.entries.map(({ action, target, before }) => ({ action, target, before }))).toEqual([
      { action: 'counter.delete', target: 'c9', before: renamed },
      { action: 'counter.update', target: 'c9', before: counter },
      { action: 'counter.update', target: 'c9', before: null },
    ]);
  });

  it('refuses an invalid change with a clear error and changes nothing', async () => {
    const { branch, token } = await managerBranch();
    const before = branch.ctx.config();
    const cash = before.services.find((s) => s.id === 'cash')!;
    const cases: [string, unknown][] = [
      ['/api/admin/services/cash', { ...cash, targetWaitMin: -1 }],
      ['/api/admin/services/cash', { ...cash, id: 'other' }],
      ['/api/admin/services/cash', { ...cash, prefix: 'B' }], // another service's prefix
      ['/api/admin/counters/c1', { id: 'c1', name: 'Counter 1', number: 1, serviceIds: ['nope'] }],
      ['/api/admin/priority-policy', { priority: 1 }],
    ];
    for (const [path, body] of cases) {
      const res = await branch.http(path, { method: 'PUT', token, body });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
    expect(branch.ctx.config()).toEqual(before);
    const audit = (await (await branch.http('/api/admin/audit', { token })).json()) as { entries: unknown[] };
    expect(audit.entries).toHaveLength(0);
  });

  it('is for managers only', async () => {
    branch = await startBranch();
    const teller = await branch.userToken('teller', 'toms');
    for (const path of ['/api/admin/config', '/api/admin/users', '/api/admin/audit', '/api/admin/devices']) {
      expect((await branch.http(path)).status, path).toBe(401);
      expect((await branch.http(path, { token: teller })).status, path).toBe(403);
    }
  });

  it('creates a teller who must choose their own password before working at a counter; disabling ends their access', async () => {
    const { branch, token } = await managerBranch();
    const weak = await branch.http('/api/admin/users', { method: 'POST', token, body: { username: 'liga', password: 'Password1234', name: 'Līga', role: 'teller' } });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: { code: 'WEAK_PASSWORD', message: expect.stringContaining('common passwords') } });
    const created = await branch.http('/api/admin/users', { method: 'POST', token, body: { username: 'liga', password: 'counter-pass-1', name: 'Līga', role: 'teller' } });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; disabled: boolean } };
    expect(user.disabled).toBe(false);

    const first = await branch.http('/api/auth/login', { body: { username: 'liga', password: 'counter-pass-1' } });
    const firstReply = (await first.json()) as { token: string; passwordChangeRequired: boolean };
    expect(firstReply.passwordChangeRequired).toBe(true);
    expect(await branch.connectError({ token: firstReply.token })).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const change = (newPassword: string) =>
      branch.http('/api/auth/password', { token: firstReply.token, body: { currentPassword: 'counter-pass-1', newPassword } });
    expect(await (await change('short')).json()).toMatchObject({ error: { code: 'WEAK_PASSWORD' } });
    expect((await change('līgas paša parole 7')).status).toBe(200);

    const tellerToken = await branch.login('liga', 'līgas paša parole 7');
    const teller = await branch.connect({ token: tellerToken });
    const signIn = await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
    expect(signIn.ok).toBe(true);
    const duplicate = await branch.http('/api/admin/users', { method: 'POST', token, body: { username: 'liga', password: 'another long one', name: 'L', role: 'teller' } });
    expect(duplicate.status).toBe(409);

    const disabled = await branch.http(`/api/admin/users/${user.id}/disabled`, { method: 'POST', token, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    const login = await branch.http('/api/auth/login', { method: 'POST', body: { username: 'liga', password: 'līgas paša parole 7' } });
    expect(login.status).toBe(401);
    expect((await branch.http('/api/admin/users', { token: tellerToken })).status).toBe(401);

    const weakReset = await branch.http(`/api/admin/users/${user.id}/password`, { method: 'POST', token, body: { password: 'new-pass-2' } });
    expect(await weakReset.json()).toMatchObject({ error: { code: 'WEAK_PASSWORD' } });
    const reset = await branch.http(`/api/admin/users/${user.id}/password`, { method: 'POST', token, body: { password: 'reset by maija 2' } });
    expect(reset.status).toBe(200);
    await branch.http(`/api/admin/users/${user.id}/disabled`, { method: 'POST', token, body: { disabled: false } });
    const afterReset = (await (await branch.http('/api/auth/login', { body: { username: 'liga', password: 'reset by maija 2' } })).json()) as { token: string; passwordChangeRequired: boolean };
    expect(afterReset.passwordChangeRequired).toBe(true);
    expect((await branch.http('/api/admin/audit', { token: afterReset.token })).status).toBe(403);
    const actions = ((await (await branch.http('/api/admin/audit', { token })).json()) as { entries: { action: string; after: unknown }[] }).entries.map((e) => e.action);
    expect(actions).toEqual(['user.enable', 'user.password-reset', 'user.disable', 'user.create']);
    expect(JSON.stringify((await (await branch.http('/api/admin/audit', { token })).json()) as unknown)).not.toContain('counter-pass-1');
  });

  it('revokes a device and lists it as revoked', async () => {
    const { branch, token } = await managerBranch();
    const kioskToken = await branch.deviceToken('kiosk');
    const devices = (await (await branch.http('/api/admin/devices', { token })).json()) as { devices: { id: string; kind: string; revoked: boolean }[] };
    const kiosk = devices.devices.find((d) => d.kind === 'kiosk')!;
    expect((await branch.http(`/api/admin/devices/${kiosk.id}/revoke`, { method: 'POST', token })).status).toBe(200);
    const after = (await (await branch.http('/api/admin/devices', { token })).json()) as { devices: { id: string; revoked: boolean }[] };
    expect(after.devices.find((d) => d.id === kiosk.id)?.revoked).toBe(true);
    expect((await branch.connectError({ token: kioskToken })).code).toBe('UNAUTHENTICATED');
  });
});
