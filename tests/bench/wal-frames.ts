/**
 * `npx tsx tests/bench/wal-frames.ts [--tickets=2000]`: how many WAL frames (database pages) the real server
 * writes per ticket, and in which b-trees. One kiosk issues the tickets one after another over a real socket,
 * so each is its own commit, as in figure 2's 1-kiosk case. A second connection holds a read transaction
 * opened on an empty WAL for the whole run, so no checkpoint can reset the WAL: afterwards every frame written
 * is still in the file, and each frame's page number names its b-tree (SQLite's dbstat table).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { newRequestId } from '@rinda/shared';
import { startBranch, LOAD_TEST_LIMITS } from '../support/start-branch';
import { singleQueueConfig } from './branch-configs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '2000' } } });
const tickets = Number(values.tickets);

const branch = await startBranch({ config: singleQueueConfig(4), limits: LOAD_TEST_LIMITS });
try {
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const issue = async () => {
    const res = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null });
    if (!res.ok) throw new Error(`issue refused: ${res.error.code} ${res.error.message}`);
  };
  // The first tickets create each table's first pages and compile the statements.
  for (let i = 0; i < 20; i++) await issue();

  const dbPath = join(branch.dataDir, 'rinda.sqlite');
  const walPath = `${dbPath}-wal`;
  const reader = new Database(dbPath);
  reader.pragma('wal_checkpoint(TRUNCATE)');
  // A read transaction on the database file alone (read mark 0): no checkpoint may copy a frame back or
  // restart the WAL while it lasts.
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM sqlite_master').get();

  for (let i = 0; i < tickets; i++) await issue();
  reader.exec('COMMIT');

  const wal = readFileSync(walPath);
  const pageSize = wal.readUInt32BE(8);
  const frames: number[] = [];
  let commits = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    frames.push(wal.readUInt32BE(at));
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  const owner = new Map<number, string>();
  for (const row of reader.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) owner.set(row.pageno, row.name);
  const byTree = new Map<string, number>();
  for (const page of frames) {
    const name = owner.get(page) ?? (page === 1 ? 'page 1 (header)' : 'free or other');
    byTree.set(name, (byTree.get(name) ?? 0) + 1);
  }
  reader.close();

  console.log(`${tickets} tickets, ${commits} commits, ${frames.length} frames of ${pageSize} bytes`);
  console.log(`WAL frames per ticket: ${(frames.length / tickets).toFixed(2)} (${((frames.length * (pageSize + FRAME_HEADER)) / tickets / 1024).toFixed(1)} KiB)`);
  for (const [name, n] of [...byTree].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / tickets).toFixed(2).padStart(6)}  ${name}`);
  kiosk.close();
} finally {
  await branch.stop();
}
