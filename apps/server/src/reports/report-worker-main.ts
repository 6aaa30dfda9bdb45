import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { BranchConfig } from '@rinda/shared';
import { runReport, warmUpRollups, type ReportQuery } from './report-service';

/**
 * The report worker: its own connections to the branch database (one read-only for reading, one for
 * storing roll-ups), so no report, however long, ever runs on the thread that serves calls and tickets.
 */
export type WorkerRequest =
  | { id: number; kind: 'report'; query: ReportQuery; config: BranchConfig; now: number }
  | { id: number; kind: 'warmUp'; config: BranchConfig; now: number };
export type WorkerReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; message: string };

const { file } = workerData as { file: string };
const readDb = new Database(file, { readonly: true, fileMustExist: true });
const writeDb = new Database(file, { fileMustExist: true });
writeDb.pragma('busy_timeout = 5000');
writeDb.pragma('synchronous = FULL');

parentPort!.on('message', (request: WorkerRequest) => {
  const deps = { readDb, writeDb, config: () => request.config, now: () => request.now };
  const work = request.kind === 'report' ? runReport(deps, request.query) : warmUpRollups(deps);
  work.then(
    (data) => parentPort!.postMessage({ id: request.id, ok: true, data } satisfies WorkerReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
