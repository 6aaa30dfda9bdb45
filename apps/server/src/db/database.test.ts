import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

/** SQLite's temporary files (a spilled sub-journal among them), open now in this process: `etilqs_…`, deleted on open. */
function openSqliteTempFiles(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
}

describe('the server database connection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-database-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the savepoints of a group commit in memory: a burst of commands opens no temporary file', () => {
    const db = openDatabase(join(dir, 'rinda.sqlite'));
    db.exec('CREATE TABLE burst (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO burst (body) VALUES (?)');
    const update = db.prepare('UPDATE burst SET body = ? WHERE id % 7 = ?');
    db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run('x'.repeat(500));
    }).immediate();
    const before = new Set(openSqliteTempFiles());
    let during: string[] = [];
    // As group-commit.ts runs a burst: one savepoint per command, each changing pages the ones before changed,
    // far past the 64 KiB after which SQLite would spill the sub-journal to a file.
    const command = db.transaction((n: number) => update.run(`y${n}`.repeat(100), n % 7));
    db.transaction(() => {
      for (let n = 0; n < 50; n++) command(n);
      during = openSqliteTempFiles().filter((file) => !before.has(file));
    }).immediate();
    db.close();
    expect(during).toEqual([]);
  });

  it('refuses a database straight in a directory shared by every user (as /tmp), creating nothing and leaving its mode alone', () => {
    const shared = join(dir, 'tmp');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    expect(() => openDatabase(join(shared, 'rinda.sqlite'))).toThrow(`${shared} is a directory shared by every user (sticky bit, as /tmp)`);
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(existsSync(join(shared, 'rinda.sqlite'))).toBe(false);
  });
});
