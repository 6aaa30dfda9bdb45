import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRequestId, pairDevice, type PairingClaimed, type PairingProgress, type PairingStarted } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

describe('device pairing by one-time code', () => {
  let branch: Branch;
  let managerToken: string;
  beforeEach(async () => {
    branch = await startBranch({ clock: 'manual' });
    managerToken = await branch.userToken('manager', 'maria');
  });
  afterEach(() => branch.stop());

  const start = async (kind: 'kiosk' | 'display'): Promise<PairingStarted> => {
    const res = await branch.http('/api/devices/pairings', { body: { kind } });
    expect(res.status).toBe(201);
    return (await res.json()) as PairingStarted;
  };
  const pair = (code: string, name = 'Hall kiosk', token = managerToken, printerUrl?: string) =>
    branch.http('/api/admin/devices/pair', { body: { code, name, ...(printerUrl ? { printerUrl } : {}) }, token });
  /** The device's HTTP as pairDevice() sees it. */
  const postJson = async (path: string, body: unknown) => {
    const res = await branch.http(path, { body });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const claim = (p: { pairingId: string; secret: string }) => branch.http(`/api/devices/pairings/${p.pairingId}/claim`, { body: { secret: p.secret } });

  it('enrols a kiosk: the device asks, the manager enters its code, the device collects a working token once', async () => {
    const started = await start('kiosk');
    expect(started.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(started.expiresAt - branch.clock.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(await (await claim(started)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });

    const paired = await pair(started.code.toLowerCase().replace(/(.{4})/, '$1-'), 'Hall kiosk', managerToken, 'tcp://127.0.0.1:9100');
    expect(paired.status).toBe(201);
    const { device } = (await paired.json()) as { device: { id: string; kind: string; name: string } };
    expect(device).toMatchObject({ kind: 'kiosk', name: 'Hall kiosk' });

    const claimed = (await (await claim(started)).json()) as PairingClaimed;
    if (claimed.status !== 'paired') throw new Error('not paired');
    expect(claimed.device).toEqual({ id: device.id, kind: 'kiosk' });
    expect(Buffer.from(claimed.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const row = branch.ctx.db.prepare('SELECT token_hash FROM devices WHERE id = ?').get(device.id) as { token_hash: string };
    expect(row.token_hash).not.toContain(claimed.token);

    const kiosk = await branch.connect({ token: claimed.token });
    expect(branch.snapshotOf(kiosk).me).toMatchObject({ id: device.id, role: 'kiosk' });
    expect((await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })).ok).toBe(true);

    // Single use: the token is not handed out twice and the code does not pair a second device.
    expect((await claim(started)).status).toBe(404);
    expect((await pair(started.code)).status).toBe(404);
  });

  it('refuses a code after 10 minutes', async () => {
    const started = await start('display');
    branch.clock.advance(10 * 60_000);
    const res = await pair(started.code);
    expect(res.status).toBe(404);
    expect((await claim(started)).status).toBe(404);
    expect(branch.ctx.devices.list()).toEqual([]);
  });

  it('only a manager pairs, and only the device holding the secret collects the token', async () => {
    const started = await start('display');
    expect((await branch.http('/api/admin/devices/pair', { body: { code: started.code, name: 'Lobby' } })).status).toBe(401);
    const teller = await branch.userToken('teller', 'anna');
    expect((await pair(started.code, 'Lobby', teller)).status).toBe(403);
    expect((await pair(started.code, 'Lobby')).status).toBe(201);
    const stolen = await claim({ pairingId: started.pairingId, secret: 'x'.repeat(43) });
    expect(stolen.status).toBe(401);
    const claimed = (await (await claim(started)).json()) as PairingClaimed;
    expect(claimed.status).toBe('paired');
  });

  it('throttles guessing codes: after 5 wrong codes even the right one waits, with RATE_LIMITED', async () => {
    const started = await start('kiosk');
    for (let i = 0; i < 5; i++) expect((await pair('AAAAAAAA')).status).toBe(404);
    expect((await pair('AAAAAAAA')).status).toBe(404);
    const limited = await pair(started.code);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(branch.ctx.devices.list()).toEqual([]);
    branch.clock.advance(2001);
    expect((await pair(started.code)).status).toBe(201);
  });

  it('refuses malformed requests with BAD_REQUEST and creates nothing', async () => {
    expect((await branch.http('/api/devices/pairings', { body: { kind: 'teller' } })).status).toBe(400);
    expect((await branch.http('/api/devices/pairings', { body: { kind: 'kiosk', extra: 1 } })).status).toBe(400);
    const started = await start('kiosk');
    expect((await pair(started.code, '')).status).toBe(400);
    expect((await pair(started.code, 'Kiosk', managerToken, 'http://not-a-printer')).status).toBe(400);
    expect(branch.ctx.devices.list()).toEqual([]);
  });

  it('lets a device run the whole flow with pairDevice: code shown, manager pairs, token returned', async () => {
    const progress: PairingProgress[] = [];
    const io = { post: postJson, sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 20)) };
    const token = await pairDevice('display', io, (p) => {
      progress.push(p);
      if (p.step === 'code') void pair(p.code, 'Lobby screen');
    });
    expect(progress[0]).toMatchObject({ step: 'code', code: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    const display = await branch.connect({ token: token! });
    expect(branch.snapshotOf(display).me).toMatchObject({ name: 'Lobby screen', role: 'display' });
  });

  it('starts over with a new code when the first one expires unused', async () => {
    const codes: string[] = [];
    const io = {
      post: postJson,
      sleep: async () => {
        await new Promise<void>((resolve) => setTimeout(resolve, 10));
        if (codes.length === 1) branch.clock.advance(60_000);
      },
    };
    const token = await pairDevice('kiosk', io, (p) => {
      if (p.step !== 'code') return;
      codes.push(p.code);
      if (codes.length === 2) void pair(p.code, 'Second try');
    });
    expect(codes).toHaveLength(2);
    expect(codes[0]).not.toBe(codes[1]);
    expect((await branch.connect({ token: token! })).connected).toBe(true);
  });
});
