import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId, PROTOCOL_VERSION } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

describe('HTTP API', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch();
  });
  afterEach(() => branch.stop());

  it('answers health with version, protocol version and branch', async () => {
    const res = await branch.http('/api/health');
    expect(await res.json()).toMatchObject({ ok: true, protocolVersion: PROTOCOL_VERSION, branch: { id: 'riga-centre' } });
  });

  it('answers health 503 when its database no longer answers, so a monitor sees the branch down', async () => {
    branch.ctx.db.prepare('SELECT 1').get();
    branch.ctx.db.close();
    const res = await branch.http('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, error: { message: 'The database does not answer' } });
  });

  it('signs in with a password and refuses a wrong one without saying which part was wrong', async () => {
    await branch.createUser('anna', 'correct horse', 'teller', 'Anna Ozola');
    const ok = await branch.http('/api/auth/login', { body: { username: 'anna', password: 'correct horse' } });
    expect(await ok.json()).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { name: 'Anna Ozola', role: 'teller' }, passwordChangeRequired: false });
    const wrong = await branch.http('/api/auth/login', { body: { username: 'anna', password: 'wrong' } });
    const unknown = await branch.http('/api/auth/login', { body: { username: 'nobody', password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('stores only hashes of passwords and tokens', async () => {
    await branch.createUser('anna', 'correct horse', 'teller');
    const token = await branch.login('anna', 'correct horse');
    const user = branch.ctx.db.prepare("SELECT password_hash FROM users WHERE username = 'anna'").get() as { password_hash: string };
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = branch.ctx.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);
    expect(sessions[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells the phone its ticket’s position, wait and counter, and nothing for an unknown id', async () => {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ack = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'accounts', language: 'en' });
      if (ack.ok) ids.push(ack.data.ticket.id);
    }
    const third = await (await branch.http(`/api/tickets/${ids[2]}/status`)).json();
    // No counter serving accounts is signed in: no number, not a guess.
    expect(third).toMatchObject({ ticket: { id: ids[2], state: 'waiting' }, peopleAhead: 2, wait: null, counterNumber: null });

    const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c3' });
    const told = await (await branch.http(`/api/tickets/${ids[2]}/status`)).json();
    expect(told.wait.typicalMin).toBeGreaterThan(0);
    expect(told.wait.atMostMin).toBeGreaterThanOrEqual(told.wait.typicalMin);
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c3' });
    const first = await (await branch.http(`/api/tickets/${ids[0]}/status`)).json();
    expect(first).toMatchObject({ ticket: { state: 'called' }, peopleAhead: 0, counterNumber: 3 });
    expect((await branch.http('/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/status')).status).toBe(404);
  });

  it('guards feature routes with requireRole', async () => {
    const token = await branch.userToken('teller', 'anna');
    const managerToken = await branch.userToken('manager', 'maria');
    const guard = branch.ctx.auth.requireRole('manager');
    const results: number[] = [];
    for (const t of [undefined, token, managerToken]) {
      const res = { statusCode: 200, locals: {} as Record<string, unknown>, status(c: number) { this.statusCode = c; return this; }, json() { return this; } };
      let passed = false;
      guard({ get: (h: string) => (h === 'authorization' && t ? `Bearer ${t}` : undefined) } as never, res as never, () => (passed = true));
      results.push(passed ? 200 : res.statusCode);
    }
    expect(results).toEqual([401, 403, 200]);
  });
});
