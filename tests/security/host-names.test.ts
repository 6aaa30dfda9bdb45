import { request } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

const REFUSED = 'This branch server does not answer to this host name (Host header)';

/** One HTTP request with the Host header a DNS-rebinding page would send. */
function withHost(url: string, host: string, extra: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { headers: { host, ...extra } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // A refused WebSocket upgrade answers with a plain HTTP response too.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A socket.io client whose WebSocket handshake carries this Host header; resolves with how it ended. (Over
 * polling, Node's XHR stand-in drops a Host header, so polling is checked with plain requests.)
 */
function handshakeAs(branch: Branch, host: string, token: string): Promise<string> {
  const socket = io(branch.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, token },
    transports: ['websocket'],
    extraHeaders: { host },
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

describe('Host names: a DNS-rebinding page is refused', () => {
  let branch: Branch;
  let token: string;
  beforeAll(async () => {
    branch = await startBranch();
    token = await branch.deviceToken('display');
  });
  afterAll(() => branch.stop());

  it('refuses HTTP requests for a name that is not the server’s, before any route, with a clear error', async () => {
    for (const path of ['/api/health', '/api/auth/login', '/kiosk/', '/api/tickets/x/status']) {
      const res = await withHost(`${branch.url}${path}`, 'evil.example');
      expect(res.status, path).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(REFUSED) } });
    }
    // The attacker's name with the server's port is still the attacker's name.
    expect((await withHost(`${branch.url}/api/health`, `evil.example:${branch.port}`)).status).toBe(403);
  });

  it('answers to the machine’s own names and addresses', async () => {
    for (const host of [`127.0.0.1:${branch.port}`, `localhost:${branch.port}`, `[::1]:${branch.port}`, 'LOCALHOST']) {
      expect((await withHost(`${branch.url}/api/health`, host)).status, host).toBe(200);
    }
  });

  it('refuses the socket.io handshake for a foreign name, over polling and WebSocket alike', async () => {
    expect(await handshakeAs(branch, 'evil.example', token)).toBe('websocket error');
    const polling = await withHost(`${branch.url}/socket.io/?EIO=4&transport=polling`, 'evil.example');
    expect(polling.status).toBe(403);
    expect(JSON.parse(polling.body).message).toContain(REFUSED);
    const upgrade = await withHost(`${branch.url}/socket.io/?EIO=4&transport=websocket`, 'evil.example', {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    expect(upgrade.status).toBe(400);
    expect(upgrade.body).toContain(REFUSED);
  });

  it('lets the same client through with the server’s own name', async () => {
    expect(await handshakeAs(branch, `localhost:${branch.port}`, token)).toBe('connected');
    expect((await withHost(`${branch.url}/socket.io/?EIO=4&transport=polling`, `127.0.0.1:${branch.port}`)).status).toBe(200);
  });

  it('answers to the branch’s publicUrl host as soon as a manager sets it', async () => {
    expect((await withHost(`${branch.url}/api/health`, 'queue.bank.example')).status).toBe(403);
    const config = branch.ctx.config();
    expect(branch.ctx.setConfig({ ...config, branch: { ...config.branch, publicUrl: 'https://queue.bank.example/riga' } }).ok).toBe(true);
    expect((await withHost(`${branch.url}/api/health`, 'queue.bank.example')).status).toBe(200);
    expect(await handshakeAs(branch, 'queue.bank.example', token)).toBe('connected');
    expect(branch.ctx.setConfig(config).ok).toBe(true);
  });
});

describe('Host names from configuration (--allowed-hosts)', () => {
  let branch: Branch;
  beforeAll(async () => {
    branch = await startBranch({ allowedHosts: ['branch.bank.example'] });
  });
  afterAll(() => branch.stop());

  it('answers only to the configured names: without "auto" not even to its own addresses', async () => {
    expect((await withHost(`${branch.url}/api/health`, 'branch.bank.example:8443')).status).toBe(200);
    expect((await withHost(`${branch.url}/api/health`, `127.0.0.1:${branch.port}`)).status).toBe(403);
    expect(await handshakeAs(branch, `127.0.0.1:${branch.port}`, await branch.deviceToken('kiosk'))).toBe('websocket error');
    expect(await handshakeAs(branch, 'branch.bank.example', await branch.deviceToken('kiosk'))).toBe('connected');
  });
});
