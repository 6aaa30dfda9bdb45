// `npm start` runs the server compiled by scripts/build-server.ts with Node alone. This builds it, starts
// it as npm start does (demo branch), and checks that it serves every app, finds its migrations and web
// apps, and runs a report in its compiled worker thread, without ever loading tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_MAIN } from '../../scripts/build-server';
import { serverNodeFlags } from '../bench/compiled-server-worker';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** In every thread of the server, importing tsx fails: only compiled code may run. */
const FORBID_TSX = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { if (s === "tsx" || s.startsWith("tsx/")) throw new Error("tsx imported: " + s); return next(s, c); }'));`,
)}`;

describe('the compiled server (npm start)', () => {
  let outdir: string;
  let dataDir: string;
  let server: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    // Inside the checkout, so the bundle's npm imports resolve from node_modules as apps/server/dist's do.
    mkdirSync(join(ROOT, 'apps/server/dist'), { recursive: true });
    outdir = mkdtempSync(join(ROOT, 'apps/server/dist/test-'));
    dataDir = mkdtempSync(join(tmpdir(), 'rinda-compiled-'));
    await buildServer({ entries: { main: SERVER_MAIN }, outdir });
    // With the Node flags of `npm run serve`, which `npm start` runs.
    server = spawn(process.execPath, [...serverNodeFlags(), '--import', FORBID_TSX, join(outdir, 'main.mjs'), '--demo', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
      // CI runs as root; a branch would not (docs/OPERATIONS.md), and tests/security/run-as-root.test.ts checks the refusal.
      env: { ...process.env, RINDA_LOG_LEVEL: 'error', RINDA_ALLOW_ROOT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    base = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`the compiled server exited (${code}):\n${output}`)));
      const poll = setInterval(() => {
        const url = /health: +(http:\/\/[\d.]+:\d+)\/api\/health/.exec(output)?.[1];
        if (url && output.includes('manager ')) {
          clearInterval(poll);
          resolve(url);
        }
      }, 50);
    });
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the address of every app, as the README says, and finds the web apps beside the server', () => {
    for (const app of ['kiosk', 'display', 'counter', 'manager']) {
      const line = output.split('\n').find((l) => l.includes(`${base}/${app}/`));
      expect(line).toBeDefined();
      // `npm test` builds the web apps after the unit tests: whether each is listed as built follows the checkout.
      expect(line!.includes('not built')).toBe(!existsSync(join(ROOT, 'apps', app, 'dist', 'index.html')));
    }
  });

  it('answers its health check from its database', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ ok: true, branch: { name: expect.any(String) } });
  });

  it('runs a report in its compiled report worker', async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: 'manager' }),
    });
    const { token } = (await login.json()) as { token: string };
    const day = new Date().toISOString().slice(0, 10);
    const report = await fetch(`${base}/api/reports/summary?from=${day}&to=${day}&groupBy=day`, { headers: { Authorization: `Bearer ${token}` } });
    expect(report.status).toBe(200);
    expect(await report.json()).toHaveProperty('rows');
  });
});
