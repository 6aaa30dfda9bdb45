import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { messageOf, type BranchConfig } from '@rinda/shared';
import type { RollupSink, RollupWrite } from './rollup-writes';
import { runTask, transferables, type WorkerTask } from './worker-tasks';

/**
 * The report worker: its own read-only connection to the branch database, so no report, however long, ever runs on
 * the thread that serves calls and tickets. The roll-ups it builds it hands to that thread to store (a
 * RollupWriteRequest, answered by a RollupWriteDone): a thread of the idle class never holds the database's write
 * lock, which a live commit would otherwise wait for as long as the machine left the thread no CPU.
 */
export type WorkerRequest = WorkerTask & { id: number; config: BranchConfig; now: number };
export type WorkerReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; message: string };
export interface RollupWriteRequest {
  writeId: number;
  write: RollupWrite;
}
export type RollupWriteDone = { writeId: number; ok: true } | { writeId: number; ok: false; message: string };
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

const waitingWrites = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextWriteId = 1;
/** Stored by the server's thread; settled when it has committed them (or failed to). */
const writeRollups: RollupSink = (write) =>
  new Promise((resolve, reject) => {
    const writeId = nextWriteId++;
    waitingWrites.set(writeId, { resolve, reject });
    parentPort!.postMessage({ writeId, write } satisfies RollupWriteRequest);
  });

parentPort!.on('message', (message: WorkerRequest | RollupWriteDone) => {
  if ('writeId' in message) return settleWrite(message);
  const request = message;
  const deps = { readDb, writeRollups, config: () => request.config, now: () => request.now };
  // A report leaves encoded, its bytes transferred: the server's thread neither copies nor serialises it.
  runTask(deps, request).then(
    (data) => parentPort!.postMessage({ id: request.id, ok: true, data } satisfies WorkerReply, transferables(data)),
    (error: unknown) => parentPort!.postMessage({ id: request.id, ok: false, message: messageOf(error) } satisfies WorkerReply),
  );
});

function settleWrite(done: RollupWriteDone): void {
  const waiting = waitingWrites.get(done.writeId);
  waitingWrites.delete(done.writeId);
  if (done.ok) waiting?.resolve();
  else waiting?.reject(new Error(done.message));
}
