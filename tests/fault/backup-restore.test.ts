import { execFile } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, rmSync, writeSync, closeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';

const run = promisify(execFile);
const repo = new URL('../../', import.meta.url).pathname;
const npmRun = (script: string, args: string[]) => run('npx', ['tsx', `scripts/${script}.ts`, ...args], { cwd: repo, timeout: 60_000 });

describe('backup and restore', () => {
  const dirs: string[] = [];
  const branches: Branch[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinda-backup-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const b of branches.splice(0)) await b.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('backs up a running server under load and restores it into a working branch', async () => {
    const source = await startBranch();
    branches.push(source);
    const kiosk = await source.connect({ token: await source.deviceToken('kiosk') });
    const issueOne = () => source.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    for (let i = 0; i < 5; i++) expect((await issueOne()).ok).toBe(true);

    // Tickets keep coming while the backup runs: the backup is one consistent moment, whatever it catches.
    let issuing = true;
    const load = (async () => {
      while (issuing) await issueOne();
    })();
    const out = tempDir();
    const { stdout } = await npmRun('backup', ['--data-dir', source.dataDir, '--out', out]);
    issuing = false;
    await load;
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^rinda-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.sqlite$/);
    expect(stdout).toContain('integrity ok');
    const backup = join(out, files[0]!);
    const backedUp = new Database(backup, { readonly: true });
    const ids = (backedUp.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id);
    const numbers = backedUp.prepare('SELECT COUNT(DISTINCT number) AS n, COUNT(*) AS total FROM tickets').get() as { n: number; total: number };
    backedUp.close();
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(numbers.n).toBe(numbers.total);

    const target = tempDir();
    const restored = await npmRun('restore', [backup, '--data-dir', target]);
    expect(restored.stdout).toContain('integrity ok');
    const branch = await startBranch({ dataDir: target });
    branches.push(branch);
    const rows = branch.ctx.db.prepare('SELECT id FROM tickets').all() as { id: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const kiosk2 = await branch.connect({ token: branch.enrolDevice('kiosk', 'Restored kiosk').token });
    const next = await branch.request(kiosk2, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(next.ok && next.data.ticket.number).toBe(ids.length + 1);
  });

  it('keeps the replaced database beside the restored one', async () => {
    const source = await startBranch();
    branches.push(source);
    const out = tempDir();
    await npmRun('backup', ['--data-dir', source.dataDir, '--out', out]);
    const target = tempDir();
    const old = new Database(join(target, 'rinda.sqlite'));
    old.exec('CREATE TABLE old_marker (x INTEGER)');
    old.close();
    await npmRun('restore', [join(out, readdirSync(out)[0]!), '--data-dir', target]);
    const kept = readdirSync(target).filter((f) => f.startsWith('rinda.sqlite.before-restore-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(kept).toHaveLength(1);
    const previous = new Database(join(target, kept[0]!), { readonly: true });
    expect(previous.prepare("SELECT name FROM sqlite_master WHERE name = 'old_marker'").get()).toBeDefined();
    previous.close();
  });

  it.each([
    ['a damaged file', (file: string) => {
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096);
      closeSync(fd);
    }, /damaged|malformed|not a database|integrity/i],
    ['a backup from a newer Rinda', (file: string) => {
      const db = new Database(file);
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, ?, ?, 0)').run('future', 'x');
      db.close();
    }, /newer Rinda/],
  ])('refuses %s and changes nothing', async (_name, spoil, message) => {
    const source = await startBranch();
    branches.push(source);
    const out = tempDir();
    await npmRun('backup', ['--data-dir', source.dataDir, '--out', out]);
    const backup = join(out, readdirSync(out)[0]!);
    spoil(backup);
    const target = tempDir();
    const failed = await npmRun('restore', [backup, '--data-dir', target]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(message);
    expect(existsSync(join(target, 'rinda.sqlite'))).toBe(false);
    expect(readdirSync(target)).toEqual([]);
  });
});
