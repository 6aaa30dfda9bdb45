import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { SmsNotifier } from './sms-notifier';

describe('the WAL truncation after a number is erased', () => {
  let dir: string;
  let path: string;
  let db: Db;
  let reader: Database.Database;
  let notifier: SmsNotifier;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-sms-wal-'));
    path = join(dir, 'rinda.sqlite');
    db = openDatabase(path);
    db.exec('CREATE TABLE erased (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    reader = new Database(path);
    notifier = new SmsNotifier({ db, clock: Date.now, logger: pino({ level: 'silent' }) }, null);
  });
  afterEach(() => {
    notifier.close();
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const walBytes = () => statSync(`${path}-wal`).size;

  it("never holds the server's thread for a reader (a manager's report): it tries again once the reader is done", async () => {
    db.prepare('INSERT INTO erased (body) VALUES (?)').run('a page written before the report began');
    // A report's long read: a read transaction on what the WAL held then.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM erased').get();
    db.prepare('INSERT INTO erased (body) VALUES (?)').run('a number, erased since');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);

    const started = performance.now();
    notifier.truncateWal();
    // With the connection's own busy timeout the checkpoint would have waited for the reader its whole 5 s (in this
    // one thread the reader cannot finish meanwhile), then given up.
    expect(performance.now() - started).toBeLessThan(2500);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(walBytes()).toBeGreaterThan(0);

    reader.exec('COMMIT');
    // The retry (every 2 s) truncates the WAL once the reader has let go.
    await expect.poll(walBytes, { timeout: 6000, interval: 100 }).toBe(0);
  });

  it('truncates at once when nobody reads', () => {
    db.prepare('INSERT INTO erased (body) VALUES (?)').run('a number, erased since');
    expect(walBytes()).toBeGreaterThan(0);
    notifier.truncateWal();
    expect(walBytes()).toBe(0);
  });
});
