import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the WAL checkpointer thread', () => {
  let dir: string;
  let db: Db;
  let checkpointer: WalCheckpointer;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-checkpoint-'));
    db = openDatabase(join(dir, 'rinda.sqlite'));
    checkpointer = startWalCheckpointer(db, pino({ level: 'silent' }));
  });
  afterEach(async () => {
    await checkpointer.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies committed pages into the database file from its own thread, the server's connection never checkpointing", async () => {
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, "the server's connection hands checkpoints over");
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    const fileBytes = () => statSync(join(dir, 'rinda.sqlite')).size;
    const before = fileBytes();
    // 4 MB committed one row at a time, as commands are: far past the 1000 pages at which SQLite would checkpoint.
    for (let i = 0; i < 2000; i++) {
      db.transaction(() => insert.run('x'.repeat(2000))).immediate();
      checkpointer.committed();
    }
    await until(() => fileBytes() >= before + 4_000_000, 'the rows reach the database file');
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2000 });
  });
});
