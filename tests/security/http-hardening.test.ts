import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

const appsDir = mkdtempSync(join(tmpdir(), 'rinda-apps-'));
mkdirSync(join(appsDir, 'kiosk', 'dist'), { recursive: true });
writeFileSync(join(appsDir, 'kiosk', 'dist', 'index.html'), '<!doctype html><title>kiosk</title>');

/** Opens a socket with a browser's Origin header and resolves with how the handshake ended. */
function handshakeWithOrigin(branch: Branch, origin: string, token: string): Promise<'connected' | string> {
  const socket = io(branch.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, token },
    transports: ['websocket'],
    extraHeaders: { origin },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe('HTTP and socket hardening', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ appsDir });
  });
  afterAll(async () => {
    await branch.stop();
    rmSync(appsDir, { recursive: true, force: true });
  });

  it.each(['/kiosk/', '/api/health', '/api/no-such-route'])('sends the security headers with %s', async (path) => {
    const res = await branch.http(path);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it("allows the microphone to the kiosk's own page only (to read its outputs' names for the headset), never elsewhere", async () => {
    const policy = async (path: string) => (await branch.http(path)).headers.get('permissions-policy') ?? '';
    for (const path of ['/kiosk/', '/kiosk', '/kiosk/index.html']) expect(await policy(path), path).toMatch(/(^|, )microphone=\(self\)(,|$)/);
    for (const path of ['/t/AAAAAAAAAAAAAAAAAAAAAA', '/kiosk/book.html', '/counter/', '/display/', '/manager/', '/api/health'])
      expect(await policy(path), path).toMatch(/(^|, )microphone=\(\)(,|$)/);
    for (const path of ['/kiosk/', '/counter/']) expect(await policy(path), path).toContain('camera=()');
  });

  it('refuses HTTP requests a page of another origin makes, and accepts its own origin', async () => {
    const evil = await branch.http('/api/auth/login', { body: { username: 'x', password: 'y' }, headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = await branch.http('/api/health', { headers: { origin: branch.url } });
    expect(own.status).toBe(200);
  });

  it('refuses socket handshakes from another origin, accepts its own', async () => {
    const token = await branch.deviceToken('display');
    expect(await handshakeWithOrigin(branch, 'http://evil.example', token)).not.toBe('connected');
    expect(await handshakeWithOrigin(branch, branch.url, token)).toBe('connected');
  });

  it('ignores a token in the URL query: only the handshake auth counts', async () => {
    const token = await branch.deviceToken('display');
    const socket = io(branch.url, { query: { token }, auth: { protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve((err as Error & { data?: { code?: string } }).data?.code ?? err.message));
    });
    socket.close();
    expect(outcome).toBe('UNAUTHENTICATED');
    const http = await branch.http(`/api/announcements/1?token=${token}`);
    expect(http.status).toBe(401);
  });
});

describe('configured origins', () => {
  it('accepts the origins listed in RINDA_ALLOWED_ORIGINS and still refuses others', async () => {
    process.env.RINDA_ALLOWED_ORIGINS = 'https://branch.example, http://10.0.0.5:8080';
    const branch = await startBranch();
    delete process.env.RINDA_ALLOWED_ORIGINS;
    try {
      const token = await branch.deviceToken('display');
      expect(await handshakeWithOrigin(branch, 'https://branch.example', token)).toBe('connected');
      expect(await handshakeWithOrigin(branch, 'http://10.0.0.5:8080', token)).toBe('connected');
      expect(await handshakeWithOrigin(branch, 'https://evil.example', token)).not.toBe('connected');
      expect((await branch.http('/api/health', { headers: { origin: 'https://branch.example' } })).status).toBe(200);
    } finally {
      await branch.stop();
    }
  });
});
