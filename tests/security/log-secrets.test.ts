import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, request, newRequestId, type AckEmitter, type PairingClaimed, type PairingStarted } from '@rinda/shared';
import { createApp } from '@rinda/server';

describe('logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinda-logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('carry no password, token, token hash, pairing code or secret through logins, pairing and commands', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = createApp({ dataDir, logger: pino({ level: 'trace' }, sink) });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const sockets: Socket[] = [];
    const connect = (token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = io(url, { auth: { protocolVersion: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(s);
        s.once('snapshot', () => resolve(s));
        s.once('connect_error', reject);
      });
    const send = (s: Socket, name: string, payload: Record<string, unknown>) =>
      request(s as unknown as AckEmitter, name as never, { requestId: newRequestId(), ...payload } as never);

    const secrets: string[] = ['tellerpass-7f3a', 'managerpass-91bc', 'wrong-guess-5d2e'];
    try {
      await app.ctx.auth.createUser({ username: 'anna', password: secrets[0]!, name: 'Anna Berzina', role: 'teller' }, { mustChangePassword: false });
      await app.ctx.auth.createUser({ username: 'maria', password: secrets[1]!, name: 'Maria Ozola', role: 'manager' }, { mustChangePassword: false });
      expect((await post('/api/auth/login', { username: 'anna', password: secrets[2] })).status).toBe(401);
      const teller = (await post('/api/auth/login', { username: 'anna', password: secrets[0] })).body.token as string;
      const manager = (await post('/api/auth/login', { username: 'maria', password: secrets[1] })).body.token as string;
      secrets.push(teller, manager);

      const started = (await post('/api/devices/pairings', { kind: 'kiosk' })).body as unknown as PairingStarted;
      secrets.push(started.code, started.secret);
      expect((await post('/api/admin/devices/pair', { code: started.code, name: 'Hall kiosk' }, manager)).status).toBe(201);
      const claimed = (await post(`/api/devices/pairings/${started.pairingId}/claim`, { secret: started.secret })).body as unknown as PairingClaimed;
      if (claimed.status !== 'paired') throw new Error('pairing failed');
      secrets.push(claimed.token);

      const kiosk = await connect(claimed.token);
      const counter = await connect(teller);
      expect((await send(kiosk, 'ticket:issue', { serviceId: 'cash', language: 'en' })).ok).toBe(true);
      expect((await send(counter, 'counter:signIn', { counterId: 'c1' })).ok).toBe(true);
      expect((await send(counter, 'ticket:callNext', { counterId: 'c1' })).ok).toBe(true);
      expect((await send(counter, 'ticket:finish', { counterId: 'c1' })).ok).toBe(true);
      expect((await send(counter, 'ticket:finish', { counterId: 'c1' })).ok).toBe(false);
      expect((await send(kiosk, 'ticket:issue', { serviceId: 'cash', language: 'xx', token: claimed.token })).ok).toBe(false);
      expect((await send(counter, 'ticket:nonsense', {})).ok).toBe(false);
      // A password change, a wrong one and a weak one: none of the three passwords may reach the log.
      secrets.push('anna-new-pass-3c9d', 'anna-weak-guess', 'password1234');
      expect((await post('/api/auth/password', { currentPassword: 'anna-weak-guess', newPassword: 'anna-new-pass-3c9d' }, teller)).status).toBe(403);
      expect((await post('/api/auth/password', { currentPassword: secrets[0], newPassword: 'password1234' }, teller)).status).toBe(400);
      expect((await post('/api/auth/password', { currentPassword: secrets[0], newPassword: 'anna-new-pass-3c9d' }, teller)).status).toBe(200);
      await post('/api/auth/logout', {}, teller);

      const stored = app.ctx.db.prepare('SELECT password_hash AS h FROM users UNION ALL SELECT token_hash FROM sessions UNION ALL SELECT token_hash FROM devices WHERE token_hash IS NOT NULL').all() as { h: string }[];
      secrets.push(...stored.map((r) => r.h));
      for (const token of [teller, manager, claimed.token, started.secret, started.code]) secrets.push(createHash('sha256').update(token).digest('hex'));
    } finally {
      for (const s of sockets) s.close();
      await app.close();
    }
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of secrets) expect(log).not.toContain(secret);
    // Staff are named in logs by id only, never by name.
    expect(log).not.toContain('Anna Berzina');
    expect(log).not.toContain('Maria Ozola');
  });
});
