import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { openDatabase } from '../../apps/server/src/db/database';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';

/** Revocation reaches a live connection within 5 s: `session:ended`, then the server disconnects it. */
function endedWithin5s(branch: Branch, socket: BranchSocket): Promise<{ reason: string; disconnect: string }> {
  const ended = branch.nextEvent(socket, 'session:ended', undefined, 5000);
  const disconnected = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not disconnected within 5 s')), 5000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
  return Promise.all([ended, disconnected]).then(([msg, disconnect]) => ({ reason: msg.reason, disconnect }));
}

describe('login throttling', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch({ clock: 'manual' });
    await branch.createUser('anna', 'correct horse', 'teller');
    await branch.createUser('boris', 'battery staple', 'teller');
  });
  afterEach(() => branch.stop());

  const login = (username: string, password: string) => branch.http('/api/auth/login', { body: { username, password } });

  it('refuses a username after 5 wrong passwords with RATE_LIMITED, even with the right one, until the wait passes', async () => {
    for (let i = 0; i < 5; i++) expect((await login('anna', `wrong ${i}`)).status).toBe(401);
    expect((await login('anna', 'wrong 5')).status).toBe(401);
    const limited = await login('anna', 'correct horse');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ s/) } });
    // Another user from the same address is not locked out by anna's failures.
    expect((await login('boris', 'battery staple')).status).toBe(200);
    branch.clock.advance(1001);
    expect((await login('anna', 'correct horse')).status).toBe(200);
  });

  it('doubles the wait with each further failure', async () => {
    for (let i = 0; i < 6; i++) await login('anna', 'wrong');
    branch.clock.advance(1001);
    await login('anna', 'wrong');
    const limited = await login('anna', 'wrong');
    expect(limited.headers.get('retry-after')).toBe('2');
    branch.clock.advance(2001);
    await login('anna', 'wrong');
    expect((await login('anna', 'wrong')).headers.get('retry-after')).toBe('4');
  });

  it('throttles an address guessing many usernames', async () => {
    for (let i = 0; i < 20; i++) await login(`nobody${i}`, 'guess');
    expect((await login('nobody-else', 'guess')).status).toBe(401);
    const limited = await login('boris', 'battery staple');
    expect(limited.status).toBe(429);
  });
});

describe('ending live sessions', () => {
  let branch: Branch;
  beforeEach(async () => {
    branch = await startBranch();
  });
  afterEach(() => branch.stop());

  it('closes a teller’s connections within 5 s of the user being disabled, and refuses the token after', async () => {
    const token = await branch.userToken('teller', 'anna');
    const first = await branch.connect({ token });
    const second = await branch.connect({ token });
    const ended = Promise.all([endedWithin5s(branch, first), endedWithin5s(branch, second)]);
    branch.ctx.db.prepare("UPDATE users SET disabled = 1 WHERE username = 'anna'").run();
    const [a, b] = await ended;
    expect(a.disconnect).toBe('io server disconnect');
    expect(b.disconnect).toBe('io server disconnect');
    expect(await branch.connectError({ token })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('closes a connection within 5 s once its 12-hour session expires', async () => {
    await branch.stop();
    branch = await startBranch({ clock: 'manual' });
    const socket = await branch.connect({ token: await branch.userToken('teller', 'anna') });
    const ended = endedWithin5s(branch, socket);
    branch.clock.advance(12 * 60 * 60 * 1000);
    await ended;
  });

  it('closes the connection of a session that logged out elsewhere', async () => {
    const token = await branch.userToken('manager', 'maria');
    const socket = await branch.connect({ token });
    const ended = endedWithin5s(branch, socket);
    await branch.http('/api/auth/logout', { method: 'POST', token });
    expect((await ended).reason).toEqual(expect.any(String));
  });

  it('closes a revoked kiosk’s connection within 5 s and it can issue nothing more', async () => {
    const { id, token } = branch.enrolDevice('kiosk', 'Hall kiosk');
    const kiosk = await branch.connect({ token });
    const ended = endedWithin5s(branch, kiosk);
    branch.ctx.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(Date.now(), id);
    await ended;
    expect(await branch.connectError({ token })).toMatchObject({ code: 'UNAUTHENTICATED' });
    const count = branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('keeps a reconnecting client out once its session was revoked while it was away (no recovery skips authentication)', async () => {
    const token = await branch.userToken('teller', 'anna');
    const socket = await branch.connect({ token }, { reconnect: true });
    expect((await branch.request(socket, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
    const refused = new Promise<string>((resolve) =>
      socket.on('connect_error', (err) => resolve((err as Error & { data?: { code?: string } }).data?.code ?? err.message)),
    );
    await branch.app.close();
    // Revoked while the client is cut off: its automatic reconnection must be authenticated afresh.
    const db = openDatabase(`${branch.dataDir}/rinda.sqlite`);
    db.prepare('UPDATE sessions SET revoked_at = ?').run(Date.now());
    db.close();
    await branch.restart();
    expect(await refused).toBe('UNAUTHENTICATED');
    expect(socket.connected).toBe(false);
  });
});
