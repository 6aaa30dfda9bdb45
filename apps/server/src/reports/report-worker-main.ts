import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { BranchConfig } from '@rinda/shared';
import { runTask, transferables, type WorkerTask } from './worker-tasks';

/**
 * The report worker: its own connections to the branch database (one read-only for reading, one for
 * storing roll-ups), so no report, however long, ever runs on the thread that serves calls and tickets.
 */
export type WorkerRequest = WorkerTask & { id: number; config: BranchConfig; now: number };
export type WorkerReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; message: string };
/** The worker's first message: its thread's id, for the server to move it to the idle class (report-runner.ts). */
export interface WorkerThreadId {
  threadId: number;
}

/**
 * Nice value of this thread. A branch server often has two cores: a report on a thread of equal priority
 * takes a whole one, and the live path's commits and broadcasts then queue behind it for the CPU
 * (call → display p99 grew by a third while reports ran). At 10 the scheduler gives the live path the
 * core when both want it, and an idle machine still runs the report at full speed. Where the server may also
 * move the thread to Linux's idle class (report-runner.ts), that rules instead.
 */
const REPORT_THREAD_NICE = 10;

/** Linux keeps a nice value per thread: lower this thread's priority only, never the server's. Its id, or null. */
function lowerThreadPriority(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    // The main thread's id is the process id: never renice that one.
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return null;
    setPriority(tid, REPORT_THREAD_NICE);
    return tid;
  } catch {
    // No /proc (not Linux) or not permitted: reports then run at the server's priority, as before.
    return null;
  }
}

const threadId = lowerThreadPriority();
if (threadId !== null) parentPort!.postMessage({ threadId } satisfies WorkerThreadId);
const { file } = workerData as { file: string };
const readDb = new Database(file, { readonly: true, fileMustExist: true });
const writeDb = new Database(file, { fileMustExist: true });
writeDb.pragma('busy_timeout = 5000');
// Roll-ups are a cache of the event log: one lost to a power cut is rebuilt from the events on its next read, so
// they are committed without waiting for the disk (WAL keeps each commit whole). A year's first report writes
// hundreds of days; an fsync each was most of its time.
writeDb.pragma('synchronous = NORMAL');

parentPort!.on('message', (request: WorkerRequest) => {
  const deps = { readDb, writeDb, config: () => request.config, now: () => request.now };
  // A report leaves encoded, its bytes transferred: the server's thread neither copies nor serialises it.
  runTask(deps, request).then(
    (data) => parentPort!.postMessage({ id: request.id, ok: true, data } satisfies WorkerReply, transferables(data)),
    (error: unknown) => parentPort!.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
