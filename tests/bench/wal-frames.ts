/**
 * `npx tsx tests/bench/wal-frames.ts [--tickets=2000] [--tellers=0] [--bursts=10]`: how many WAL frames (database
 * pages) the real server writes per command, and in which b-trees.
 * - By default one kiosk issues the tickets one after another over a real socket, so each is its own commit, as
 *   in figure 2's 1-kiosk case.
 * - With `--tellers=N`, N tellers signed in at N counters call next at the same instant, `--bursts` times (the
 *   tickets issued and the calls finished between bursts): each burst is one group commit, as in figure 1.
 * Only the measured commits are counted: a second connection holds a read transaction opened on an empty WAL
 * while they run, so no checkpoint can reset the WAL: afterwards every frame written is still in the file, and
 * each frame's page number names its b-tree (SQLite's dbstat table).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { newRequestId } from '@rinda/shared';
import { startBranch, LOAD_TEST_LIMITS, type Branch, type BranchSocket } from '../support/start-branch';
import { singleQueueConfig } from './branch-configs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '2000' }, tellers: { type: 'string', default: '0' }, bursts: { type: 'string', default: '10' } } });
/** The flags, checked: a count that is not a whole number is refused before anything starts. */
const Flags = z.object({
  tickets: z.coerce.number().int().positive(),
  tellers: z.coerce.number().int().nonnegative(),
  bursts: z.coerce.number().int().positive(),
});
const parsedFlags = Flags.safeParse(values);
if (!parsedFlags.success) {
  console.error(`wal-frames: ${parsedFlags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const { tickets, tellers, bursts } = parsedFlags.data;

/** Frames and commits written to the WAL while `work` runs, counted per b-tree. */
async function framesDuring(dbPath: string, work: () => Promise<void>): Promise<{ frames: number; commits: number; byTree: Map<string, number> }> {
  const reader = new Database(dbPath);
  try {
    reader.pragma('wal_checkpoint(TRUNCATE)');
    // A read transaction on the database file alone (read mark 0): no checkpoint may copy a frame back or
    // restart the WAL while it lasts.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    await work();
    reader.exec('COMMIT');
    const wal = readFileSync(`${dbPath}-wal`);
    const pageSize = wal.readUInt32BE(8);
    const owner = new Map<number, string>();
    for (const row of reader.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) owner.set(row.pageno, row.name);
    const byTree = new Map<string, number>();
    let frames = 0;
    let commits = 0;
    for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
      const page = wal.readUInt32BE(at);
      frames++;
      if (wal.readUInt32BE(at + 4) !== 0) commits++;
      const name = owner.get(page) ?? (page === 1 ? 'page 1 (header)' : 'free or other');
      byTree.set(name, (byTree.get(name) ?? 0) + 1);
    }
    return { frames, commits, byTree };
  } finally {
    reader.close();
  }
}

async function ok<T>(pending: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const res = await pending;
  if (!res.ok) throw new Error(`refused: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const branch: Branch = await startBranch({ config: singleQueueConfig(Math.max(4, tellers)), limits: LOAD_TEST_LIMITS });
try {
  const dbPath = join(branch.dataDir, 'rinda.sqlite');
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const issue = () => ok(branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null }));
  // The first tickets create each table's first pages and compile the statements.
  for (let i = 0; i < 20; i++) await issue();

  let commands: number;
  let counted: Awaited<ReturnType<typeof framesDuring>>;
  if (tellers === 0) {
    commands = tickets;
    counted = await framesDuring(dbPath, async () => {
      for (let i = 0; i < commands; i++) await issue();
    });
  } else {
    const counters = Array.from({ length: tellers }, (_, i) => `c${i + 1}`);
    const staff: BranchSocket[] = [];
    for (const counterId of counters) {
      const teller = await branch.connect({ token: await branch.userToken('teller') });
      await ok(branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId }));
      staff.push(teller);
    }
    const everyTeller = (name: 'ticket:callNext' | 'ticket:finish') =>
      Promise.all(staff.map((teller, i) => ok(branch.request(teller, name, { requestId: newRequestId(), counterId: counters[i]! }))));
    commands = tellers * bursts;
    counted = { frames: 0, commits: 0, byTree: new Map() };
    for (let b = 0; b < bursts; b++) {
      for (let i = 0; i < tellers; i++) await issue();
      const burst = await framesDuring(dbPath, async () => void (await everyTeller('ticket:callNext')));
      counted.frames += burst.frames;
      counted.commits += burst.commits;
      for (const [name, n] of burst.byTree) counted.byTree.set(name, (counted.byTree.get(name) ?? 0) + n);
      await everyTeller('ticket:finish');
    }
  }

  const unit = tellers === 0 ? 'ticket' : 'call';
  console.log(`${commands} ${unit}s, ${counted.commits} commits, ${counted.frames} frames`);
  console.log(`WAL frames per ${unit}: ${(counted.frames / commands).toFixed(2)}`);
  for (const [name, n] of [...counted.byTree].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / commands).toFixed(2).padStart(6)}  ${name}`);
} finally {
  await branch.stop();
}
