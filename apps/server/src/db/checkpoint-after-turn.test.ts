import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKSTOP_CHECKPOINT_PAGES, CheckpointAfterTurn } from './checkpoint-after-turn';
import { openDatabase, type Db } from './database';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CheckpointAfterTurn', () => {
  let dir: string;
  let file: string;
  let db: Db;
  /** The database file itself: it grows only when a checkpoint copies the WAL's pages into it. */
  const fileSize = () => statSync(file).size;
  /** One command's commit: enough rows to need new pages. */
  const commit = () => db.transaction(() => {
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 8; i++) insert.run('x'.repeat(3000));
  }).immediate();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-checkpoint-'));
    file = join(dir, 'branch.sqlite');
    db = openDatabase(file, { migrations: [] });
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves SQLite its own checkpoint only as a backstop far above its default of 1,000 pages', () => {
    new CheckpointAfterTurn(db, () => {}, 3);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
  });

  it('checkpoints once enough commands committed, after their turn, never inside a commit', async () => {
    const checkpoints = new CheckpointAfterTurn(db, () => {}, 3);
    const empty = fileSize();
    for (let i = 0; i < 2; i++) {
      commit();
      checkpoints.committed();
      await nextTurn();
    }
    expect(fileSize()).toBe(empty);

    commit();
    checkpoints.committed();
    // The turn that committed the third goes on (its acks, its broadcasts) with the WAL as it was.
    expect(fileSize()).toBe(empty);
    await nextTurn();
    // Then every committed row is in the database file: 24 rows of 3,000 bytes.
    expect(fileSize()).toBeGreaterThan(empty + 24 * 3000);
    const copied = fileSize();

    // The count starts again: the next two commits stay in the WAL.
    for (let i = 0; i < 2; i++) {
      commit();
      checkpoints.committed();
      await nextTurn();
    }
    expect(fileSize()).toBe(copied);
  });

  it('skips a checkpoint asked for by a turn that then closed the database (the server shutting down)', async () => {
    const errors: unknown[] = [];
    const checkpoints = new CheckpointAfterTurn(db, (error) => errors.push(error), 1);
    commit();
    checkpoints.committed();
    db.close();
    await nextTurn();
    expect(errors).toEqual([]);
  });
});
