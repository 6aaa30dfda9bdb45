import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from './database';

/** After a commit, the WAL is copied back into the database file at most this often (ms). */
const CHECKPOINT_GAP_MS = 100;
/** Writes outside the command path (sessions, roll-ups, settings) are checkpointed at least this often (ms). */
const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own default, restored on the server's connection if the thread is lost. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The thread's code, plain CommonJS so it needs no loader or build step: its own connection to the branch
 * database, and a PASSIVE checkpoint when the server committed (at most every CHECKPOINT_GAP_MS) or every
 * CHECKPOINT_EVERY_MS. PASSIVE never waits for a lock: it copies what no reader still needs and leaves the rest
 * for the next one. synchronous=FULL on this connection: the database file is synced before the WAL is reused.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
let timer = null;
let last = 0;
const checkpoint = () => {
  timer = null;
  last = Date.now();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const every = setInterval(() => timer === null && checkpoint(), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(every);
    if (timer !== null) clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (timer === null) timer = setTimeout(checkpoint, Math.max(0, last + workerData.gapMs - Date.now()));
});
parentPort.postMessage({ ready: true });
`;

export interface WalCheckpointer {
  /** A transaction committed on the server's connection: its WAL frames are copied back soon, off this thread. */
  committed(): void;
  /** Stops the thread and closes its connection (before the server's own, whose close checkpoints the rest). */
  close(): Promise<void>;
}

const NONE: WalCheckpointer = { committed: () => undefined, close: () => Promise.resolve() };

/**
 * Moves WAL checkpoints off the server's thread (issue 22). SQLite checkpoints in the commit that takes the
 * WAL past 1000 pages: that commit copies the pages into the database file and syncs it, a few milliseconds
 * (tens on a busy disk) during which no ack, call or display write goes out; with about twelve pages per ticket
 * that was every ~80 tickets. Here a thread of its own does it with its own connection, which SQLite allows
 * beside a writer in WAL mode, and the server's connection never checkpoints while the thread runs (if the
 * thread is lost, SQLite's own checkpointing comes back). Durability does not change: a commit is durable when
 * its WAL frames are synced, which the commit itself still does (synchronous=FULL); a checkpoint only copies
 * committed pages, and one cut short by a crash is redone from the WAL at the next open.
 */
export function startWalCheckpointer(db: Db, logger: Logger): WalCheckpointer {
  if (db.memory) return NONE;
  const thread = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), gapMs: CHECKPOINT_GAP_MS, everyMs: CHECKPOINT_EVERY_MS },
  });
  thread.unref();
  let active = false;
  let closing = false;
  let lastPoke = -Infinity;
  const fallBack = (reason: string) => {
    if (!active || closing) return;
    active = false;
    logger.warn({ event: 'wal_checkpointer_lost', reason }, 'WAL checkpoints are back on the server thread');
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  thread.on('message', (message: { ready?: true; error?: string }) => {
    if (message.ready && !closing && db.open) {
      db.pragma('wal_autocheckpoint = 0');
      active = true;
    } else if (message.error) logger.warn({ event: 'wal_checkpoint_failed', reason: message.error }, 'a WAL checkpoint failed; the next one retries');
  });
  thread.on('error', (error) => fallBack(error.message));
  const exited = new Promise<void>((resolve) =>
    thread.once('exit', (code) => {
      fallBack(`the checkpoint thread exited (${code})`);
      resolve();
    }),
  );
  return {
    committed() {
      if (!active) return;
      // One message per gap is enough: the thread checkpoints a gap after its last one anyway.
      const now = performance.now();
      if (now - lastPoke < CHECKPOINT_GAP_MS) return;
      lastPoke = now;
      thread.postMessage('commit');
    },
    async close() {
      closing = true;
      active = false;
      thread.postMessage('close');
      await exited;
    },
  };
}
