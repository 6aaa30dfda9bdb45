// Guessing is throttled per address and per (user, address), never per user alone: a stranger flooding
// wrong passwords or pairing requests from some addresses cannot lock a person or a device out at another.
// Each client binds its own 127.0.0.x address, so the server sees distinct peers as on a branch's LAN.
import { afterEach, describe, expect, it } from 'vitest';
import type { PairingClaimed, PairingStarted } from '@rinda/shared';
import { MAX_OPEN_PAIRINGS, MAX_OPEN_PER_ADDRESS } from '../../apps/server/src/auth/pairing';
import { httpFrom } from '../support/http-from';
import { startBranch, type Branch } from '../support/start-branch';

const STRANGER = '127.0.0.1';
const MANAGERS_PC = '127.0.0.2';

describe('guessing from one address never locks anyone out at another', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('1,000 wrong passwords for manager from one address leave the manager able to sign in at once from theirs', async () => {
    branch = await startBranch();
    await branch.createUser('manager', 'the real manager password', 'manager');
    const login = (from: string, password: string) => httpFrom(from, branch.url, '/api/auth/login', { body: { username: 'manager', password } });

    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const { status } = await login(STRANGER, `guess number ${i}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // The address's 20 free failures were wrong passwords; the rest were refused before any hash was computed.
    expect(statuses.get(401)).toBeLessThanOrEqual(20);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(980);
    const strangerNow = await login(STRANGER, 'the real manager password');
    expect(strangerNow.status).toBe(429);
    expect(strangerNow.body).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ s/) } });

    const manager = await login(MANAGERS_PC, 'the real manager password');
    expect(manager.status).toBe(200);
    expect(manager.body).toMatchObject({ user: { role: 'manager' }, passwordChangeRequired: false });
  });

  it('throttles one username at one address after 5 failures, while others at that address still sign in', async () => {
    branch = await startBranch();
    await branch.createUser('anna', 'anna has a long one', 'teller');
    await branch.createUser('boris', 'boris has a long one', 'teller');
    const login = (username: string, password: string) => httpFrom('127.0.0.3', branch.url, '/api/auth/login', { body: { username, password } });
    for (let i = 0; i < 5; i++) expect((await login('anna', 'wrong')).status).toBe(401);
    expect((await login('anna', 'wrong')).status).toBe(401);
    expect((await login('anna', 'anna has a long one')).status).toBe(429);
    expect((await login('boris', 'boris has a long one')).status).toBe(200);
    expect((await httpFrom('127.0.0.4', branch.url, '/api/auth/login', { body: { username: 'anna', password: 'anna has a long one' } })).status).toBe(200);
  });

  it('a flood of pairing requests, wrong secrets and wrong codes from some addresses does not stop a device at another from pairing', async () => {
    branch = await startBranch({ clock: 'manual' });
    await branch.createUser('maija', 'maija has a long one', 'manager');
    const managerToken = await branch.login('maija', 'maija has a long one');
    const flooders = Array.from({ length: 5 }, (_, i) => `127.0.1.${i + 1}`);

    const started: PairingStarted[] = [];
    for (const from of flooders) {
      for (let i = 0; i < 30; i++) {
        const reply = await httpFrom(from, branch.url, '/api/devices/pairings', { body: { kind: 'kiosk' } });
        if (reply.status === 201) started.push(reply.body as PairingStarted);
        else expect(reply.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      }
      for (let i = 0; i < 30; i++) {
        const claim = await httpFrom(from, branch.url, `/api/devices/pairings/${started.at(-1)!.pairingId}/claim`, { body: { secret: 'x'.repeat(43) } });
        expect([401, 429]).toContain(claim.status);
        // A manager's session used from a flooding address: wrong codes are throttled there, not everywhere.
        const wrongCode = await httpFrom(from, branch.url, '/api/admin/devices/pair', { body: { code: 'AAAAAAAA', name: 'x' }, token: managerToken });
        expect([404, 429]).toContain(wrongCode.status);
      }
    }
    const open = branch.ctx.db.prepare('SELECT requested_from AS address, COUNT(*) AS n FROM device_pairings WHERE paired_at IS NULL GROUP BY requested_from').all() as { n: number }[];
    expect(Math.max(...open.map((o) => o.n))).toBeLessThanOrEqual(MAX_OPEN_PER_ADDRESS);

    const device = await httpFrom('127.0.2.1', branch.url, '/api/devices/pairings', { body: { kind: 'display' } });
    expect(device.status).toBe(201);
    const pairing = device.body as PairingStarted;
    const paired = await httpFrom('127.0.2.2', branch.url, '/api/admin/devices/pair', { body: { code: pairing.code, name: 'Lobby' }, token: managerToken });
    expect(paired.status).toBe(201);
    const claimed = await httpFrom('127.0.2.1', branch.url, `/api/devices/pairings/${pairing.pairingId}/claim`, { body: { secret: pairing.secret } });
    expect((claimed.body as PairingClaimed).status).toBe('paired');
  });

  it('when open pairings reach the server’s bound, a new device takes the place of a code from the address holding the most', async () => {
    branch = await startBranch({ clock: 'manual' });
    const addresses = Array.from({ length: Math.ceil(MAX_OPEN_PAIRINGS / MAX_OPEN_PER_ADDRESS) + 10 }, (_, i) => `127.0.${3 + Math.floor(i / 200)}.${(i % 200) + 1}`);
    for (const from of addresses)
      for (let i = 0; i < MAX_OPEN_PER_ADDRESS; i++) expect((await httpFrom(from, branch.url, '/api/devices/pairings', { body: { kind: 'kiosk' } })).status).toBe(201);
    const openCount = () => (branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM device_pairings WHERE paired_at IS NULL').get() as { n: number }).n;
    expect(openCount()).toBe(MAX_OPEN_PAIRINGS);

    const device = await httpFrom('127.0.9.1', branch.url, '/api/devices/pairings', { body: { kind: 'kiosk' } });
    expect(device.status).toBe(201);
    // More strangers from new addresses, one request each: each takes the place of a flooder's code, never the device's.
    for (let i = 0; i < 50; i++) expect((await httpFrom(`127.0.10.${i + 1}`, branch.url, '/api/devices/pairings', { body: { kind: 'kiosk' } })).status).toBe(201);
    expect(openCount()).toBe(MAX_OPEN_PAIRINGS);
    const { pairingId, secret } = device.body as PairingStarted;
    expect((await httpFrom('127.0.9.1', branch.url, `/api/devices/pairings/${pairingId}/claim`, { body: { secret } })).body).toMatchObject({ status: 'pending' });
  });
});
