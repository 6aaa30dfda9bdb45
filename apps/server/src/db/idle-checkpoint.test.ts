import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRequestId } from '@rinda/shared';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBranch } from '../../../../tests/support/start-branch';
import { openDatabase, type Db } from './database';
import { IdleCheckpoint, WAL_CHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES } from './idle-checkpoint';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database's size in pages as its own file says (the header's "in-header database size"): what a checkpoint
 * has copied back. Until then the newer pages are in the WAL only, where `PRAGMA page_count` already sees them.
 */
function pagesInFile(path: string): number {
  return readFileSync(path).readUInt32BE(28);
}

describe('the idle WAL checkpoint', () => {
  let dir: string;
  let path: string;
  let db: Db;
  const errors: unknown[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-checkpoint-'));
    path = join(dir, 'rinda.sqlite');
    db = openDatabase(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('CREATE TABLE written (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    errors.length = 0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A commit that adds pages to the database, in the WAL until a checkpoint copies them back. */
  const commitPages = () => db.transaction(() => db.prepare('INSERT INTO written (body) VALUES (?)').run('x'.repeat(20_000)))();

  it('leaves checkpoints to the quiet moments: SQLite checkpoints only past the backstop', () => {
    // Any database keeps SQLite's own checkpoints (head office's replicas, the tools); the branch server takes over.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    new IdleCheckpoint(db, (error) => errors.push(error));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES);
    const before = pagesInFile(path);
    // About 2000 WAL pages, past SQLite's default checkpoint of 1000 and short of the backstop: nothing copied back.
    for (let i = 0; i < 300; i++) commitPages();
    expect(WAL_CHECKPOINT_PAGES).toBeGreaterThan(2500);
    expect(pagesInFile(path)).toBe(before);
  });

  it('copies the WAL back once nothing has been committed for its idle time, not before', async () => {
    const checkpoints = new IdleCheckpoint(db, (error) => errors.push(error), 150);
    commitPages();
    checkpoints.committed();
    const before = pagesInFile(path);
    expect(before).toBeLessThan(db.pragma('page_count', { simple: true }) as number);
    await sleep(100);
    // Another commit within the idle time puts the checkpoint back by the whole idle time.
    commitPages();
    checkpoints.committed();
    await sleep(100);
    expect(pagesInFile(path)).toBe(before);
    await sleep(400);
    expect(pagesInFile(path)).toBe(db.pragma('page_count', { simple: true }));
    expect(errors).toEqual([]);
  });

  const pageCount = () => db.pragma('page_count', { simple: true }) as number;

  /**
   * A manager's report holding part of the WAL back: a read begun between two commits, still open when the quiet
   * moment's checkpoint comes, which can copy back only what the reader reads (page 1, with the file's size, was
   * changed again after it, so the file's header still says the size before). Returns the reader, still reading.
   */
  async function checkpointedPartlyUnderAReader(checkpoints: IdleCheckpoint): Promise<Database.Database> {
    commitPages();
    const reader = new Database(path);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM written').get();
    commitPages();
    checkpoints.committed();
    await sleep(200);
    expect(pagesInFile(path)).toBeLessThan(pageCount());
    return reader;
  }

  it('tries again while a reader held part of the WAL back, though nothing more is committed', async () => {
    const checkpoints = new IdleCheckpoint(db, (error) => errors.push(error), 50, 300);
    const reader = await checkpointedPartlyUnderAReader(checkpoints);
    reader.exec('COMMIT');
    reader.close();
    // No commit since: only the retry can copy the rest back.
    await expect.poll(() => pagesInFile(path), { timeout: 3000, interval: 50 }).toBe(pageCount());
    expect(errors).toEqual([]);
  });

  it("a commit while a retry waits brings the checkpoint back to the idle time, not the retry's", async () => {
    const checkpoints = new IdleCheckpoint(db, (error) => errors.push(error), 50, 10_000);
    const reader = await checkpointedPartlyUnderAReader(checkpoints);
    reader.exec('COMMIT');
    reader.close();
    // The retry is 10 s away; the next command's quiet moment comes after 50 ms.
    commitPages();
    checkpoints.committed();
    await expect.poll(() => pagesInFile(path), { timeout: 2000, interval: 50 }).toBe(pageCount());
    checkpoints.stop();
    expect(errors).toEqual([]);
  });

  it('checkpoints nothing once stopped, and never a closed database', async () => {
    const checkpoints = new IdleCheckpoint(db, (error) => errors.push(error), 50);
    commitPages();
    checkpoints.committed();
    checkpoints.stop();
    const before = pagesInFile(path);
    await sleep(200);
    expect(pagesInFile(path)).toBe(before);
    // A commit after the stop (a command finishing as the server closes) starts nothing either.
    commitPages();
    checkpoints.committed();
    await sleep(200);
    expect(pagesInFile(path)).toBe(before);

    const closing = new IdleCheckpoint(db, (error) => errors.push(error), 50);
    closing.committed();
    db.close();
    await sleep(200);
    expect(errors).toEqual([]);
    db = openDatabase(path);
  });

  it("follows the server's commands: a ticket issued over a socket is in the database file soon after", async () => {
    const branch = await startBranch();
    try {
      const file = join(branch.dataDir, 'rinda.sqlite');
      const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
      const pagesNow = () => branch.ctx.db.pragma('page_count', { simple: true }) as number;
      // Start from a WAL copied back whole (enrolment and connecting wrote outside the command pipeline).
      branch.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      const before = pagesNow();
      expect(pagesInFile(file)).toBe(before);
      let issued = 0;
      // Tickets until one adds a page to the database (the first ones may fit the pages there are).
      while (pagesNow() === before && issued < 200) {
        const res = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null });
        expect(res.ok).toBe(true);
        issued++;
      }
      expect(pagesNow()).toBeGreaterThan(before);
      // SQLite's own checkpoint waits for 10 000 pages: only the server's idle one can copy these back.
      await sleep(600);
      expect(pagesInFile(file)).toBe(pagesNow());
    } finally {
      await branch.stop();
    }
  });
});
