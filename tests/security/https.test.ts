import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../support/start-branch';

/** A raw HTTP request (no redirect following, any Host header), answered with status, headers and body. */
function plainRequest(url: string, init: { method?: string; host?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.host ? { host: init.host } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('HTTPS: plain HTTP only redirects, HSTS over TLS', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ tls: true });
  });
  afterAll(() => branch.stop());

  it('sends every plain-HTTP request to the same address over HTTPS, serving nothing itself', async () => {
    for (const path of ['/', '/manager/', '/api/health', '/t/abc?x=1']) {
      const res = await plainRequest(`${branch.redirectUrl}${path}`);
      expect(res.status, path).toBe(308);
      expect(res.headers.location).toBe(`${branch.url}${path}`);
      expect(res.body).toBe('This server speaks HTTPS only.\n');
    }
    // A sign-in sent in clear is not answered: no token comes back over plain HTTP.
    const login = await plainRequest(`${branch.redirectUrl}/api/auth/login`, { method: 'POST', body: '{"username":"manager","password":"x"}' });
    expect(login.status).toBe(308);
    expect(login.body).not.toContain('token');
  });

  it('redirects to the name the client used, and refuses names that are not the server’s', async () => {
    const byName = await plainRequest(`${branch.redirectUrl}/counter/`, { host: 'localhost' });
    expect(byName.headers.location).toBe(`https://localhost:${branch.port}/counter/`);
    const foreign = await plainRequest(`${branch.redirectUrl}/`, { host: 'evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.location).toBeUndefined();
  });

  it('sends Strict-Transport-Security on HTTPS answers, API and apps alike', async () => {
    for (const path of ['/api/health', '/api/no-such-route', '/kiosk/']) {
      const res = await branch.http(path);
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });

  it('sends no HSTS when the server speaks plain HTTP (the demo, or behind a TLS proxy)', async () => {
    const plain = await startBranch();
    try {
      expect((await plain.http('/api/health')).headers.get('strict-transport-security')).toBeNull();
      expect(plain.redirectUrl).toBeNull();
      expect(await (await plain.http('/api/admin/tls', { token: await plain.userToken('manager', 'maria') })).json()).toEqual({ tls: null });
    } finally {
      await plain.stop();
    }
  });
});
