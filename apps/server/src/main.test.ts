import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

describe('main.ts refuses bad start-up input clearly', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // CI runs as root: these tests are about other refusals, so they allow it (the refusal has its own test).
  const run = (...args: string[]) => runWith({}, ...args);
  const runWith = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', join(dir, 'data'), '--port', '0', ...args], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, RINDA_ALLOW_ROOT: '1', ...env },
    });

  it('names what is wrong in an invalid configuration file and exits 2', () => {
    const file = join(dir, 'branch.json');
    writeFileSync(file, JSON.stringify({ branch: { id: 'Bad Id', name: 'X' }, services: [] }));
    const result = run('--config', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`The configuration file ${file} is invalid`);
    expect(result.stderr).toMatch(/branch\.id|timeZone/);
  });

  it('says when the configuration file cannot be read', () => {
    const result = run('--config', join(dir, 'missing.json'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot read the configuration file');
  });

  it('refuses contradicting network flags before opening anything', () => {
    const result = run('--tls', '--no-tls');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--tls and --no-tls contradict each other');
  });

  it('refuses a certificate whose key is missing, naming the file', () => {
    const result = run('--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Cannot read the TLS certificate ${join(dir, 'cert.pem')}`);
  });

  it('a real branch starts on HTTPS with a certificate it made, printing its SHA-256 fingerprint', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', join(dir, 'data'), '--host', '127.0.0.1', '--port', '0', '--redirect-port', '0'], {
      env: { ...process.env, RINDA_LOG_LEVEL: 'silent', RINDA_ALLOW_ROOT: '1' },
    });
    try {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', () => out.includes('manager') && resolve());
        server.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const certPath = join(dir, 'data', 'tls', 'server.crt');
      const fingerprint = new X509Certificate(readFileSync(certPath)).fingerprint256;
      expect(out).toContain(`sha-256: ${fingerprint}`);
      expect(out).toMatch(/health: {2}https:\/\/127\.0\.0\.1:\d+\/api\/health/);
      expect(out).toMatch(/http: {4}http:\/\/127\.0\.0\.1:\d+\/ redirects to HTTPS/);
      expect(out).toContain(`tls:     ${certPath} (self-signed, made now)`);
      expect(statSync(join(dir, 'data', 'tls', 'server.key')).mode & 0o777).toBe(0o600);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });

  it('refuses RINDA_LIMITS that is not JSON, names an unknown limit or a bad value, and exits 2', () => {
    expect(runWith({ RINDA_LIMITS: '{connectionsTotal: 5' }).stderr).toContain('RINDA_LIMITS is not JSON');
    const unknown = runWith({ RINDA_LIMITS: JSON.stringify({ connectionsEverywhere: 5 }) });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/RINDA_LIMITS is invalid[\s\S]*connectionsEverywhere/);
    const negative = runWith({ RINDA_LIMITS: JSON.stringify({ socketEvents: { kiosk: { burst: -1, perSecond: 5 } } }) });
    expect(negative.status).toBe(2);
    expect(negative.stderr).toMatch(/socketEvents\.kiosk\.burst/);
  });

  it('refuses an unknown flag, a bad port and a bad on/off variable, naming each', () => {
    expect(run('--colour').stderr).toContain("Unknown option '--colour'");
    const port = run('--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port / RINDA_PORT: must be a port number from 0 to 65535');
    const allowRoot = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', join(dir, 'data')], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, RINDA_ALLOW_ROOT: 'maybe' },
    });
    expect(allowRoot.status).toBe(2);
    expect(allowRoot.stderr).toContain('must be 1 or 0');
    expect(allowRoot.stderr).toContain('at RINDA_ALLOW_ROOT');
  });
});
