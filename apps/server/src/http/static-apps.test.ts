import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticApps } from './static-apps';

describe('static web apps', () => {
  let dir: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;
  let served: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-apps-'));
    mkdirSync(join(dir, 'kiosk', 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'kiosk', 'dist', 'index.html'), '<p>kiosk</p>');
    writeFileSync(join(dir, 'kiosk', 'dist', 'status.html'), '<p>status</p>');
    writeFileSync(join(dir, 'kiosk', 'dist', 'assets', 'app-1.js'), 'console.log(1)');
    mkdirSync(join(dir, 'counter'), { recursive: true });
    const app = express();
    const web = staticApps(dir);
    served = web.served;
    app.use(web.router);
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.text() };
  };

  it('serves built apps only', () => {
    expect(served).toEqual(['kiosk']);
  });

  it('serves files, client-side routes get index.html, missing files stay 404', async () => {
    expect(await get('/kiosk/assets/app-1.js')).toEqual({ status: 200, body: 'console.log(1)' });
    expect(await get('/kiosk/')).toEqual({ status: 200, body: '<p>kiosk</p>' });
    expect(await get('/kiosk/service/cash')).toEqual({ status: 200, body: '<p>kiosk</p>' });
    expect((await get('/kiosk/assets/missing.js')).status).toBe(404);
    expect((await get('/counter/')).status).toBe(404);
  });

  it('serves the ticket status page at /t/<id>', async () => {
    expect(await get('/t/AbCdEfGhIjKlMnOpQrStUv')).toEqual({ status: 200, body: '<p>status</p>' });
  });
});
