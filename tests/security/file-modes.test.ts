// The branch's files are private whatever the umask the service starts with: run here with umask 000,
// the worst case, through the real setup, server and backup commands.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP, ROOT, runTs, SETUP, startServerChild } from '../support/child-server';

const ENV = { RINDA_ALLOW_ROOT: '1' };
const UMASK_000 = { before: 'umask 000', env: ENV };
const mode = (path: string) => statSync(path).mode & 0o777;

// Each test starts real processes through tsx (seconds each on a busy machine): a generous time limit.
describe('file modes, with umask 000', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rinda-modes-'));
  const dataDir = join(dir, 'branch', 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the data directory 0700 and the database with its -wal and -shm 0600', async () => {
    const setup = await runTs(SETUP, ['--data-dir', dataDir, '--config', join(ROOT, 'shared/src/config/demo-branch.json'), '--username', 'anna', '--name', 'Anna'], {
      ...UMASK_000,
      stdin: 'correct horse battery\n',
    });
    expect(setup.status).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'rinda.sqlite'))).toBe(0o600);

    const server = await startServerChild(['--data-dir', dataDir], UMASK_000);
    try {
      const login = await server.request('/api/auth/login', { body: { username: 'anna', password: 'correct horse battery' } });
      expect(login.status).toBe(200);
      for (const suffix of ['', '-wal', '-shm']) {
        const file = join(dataDir, `rinda.sqlite${suffix}`);
        expect(existsSync(file), file).toBe(true);
        expect(mode(file), file).toBe(0o600);
      }
      // Anything else the server wrote in the data directory (its TLS certificate and key...) is private too.
      for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
        const path = join(entry.parentPath, entry.name);
        expect(mode(path), path).toBe(entry.isDirectory() ? 0o700 : 0o600);
      }
    } finally {
      await server.stop();
    }
  });

  it('writes backups 0600 in a 0700 directory', async () => {
    const out = join(dir, 'backups');
    const backup = await runTs(BACKUP, ['--data-dir', dataDir, '--out', out], UMASK_000);
    expect(backup.status).toBe(0);
    expect(mode(out)).toBe(0o700);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(mode(join(out, files[0]!))).toBe(0o600);
  });
});
