import { Worker } from 'node:worker_threads';
import type { AppContext } from '../app-context';
import type { EncodedReport, ReportFormat } from './report-definitions';
import type { ReportQuery, ReportServiceDeps } from './report-service';
import { moveToIdleClass } from './idle-class';
import type { RollupWriteDone, RollupWriteRequest, WorkerReply, WorkerRequest, WorkerThreadId } from './report-worker-main';
import { rollupsWrittenTo, writeRollups } from './rollup-writes';
import { runTask, type WorkerResults, type WorkerTask } from './worker-tasks';
import { messageOf } from '@rinda/shared';

type Pending = { resolve: (data: unknown) => void; reject: (error: Error) => void };

/** Defined by the server build (scripts/build-server.ts): the compiled worker, relative to this file. */
declare const RINDA_COMPILED_REPORT_WORKER: string | undefined;
/**
 * The worker's entry. The compiled server (`npm start`) starts the compiled worker; from source (tests,
 * `npm run dev`) a shim that registers tsx in the worker first, as workers do not inherit tsx's loader.
 */
const WORKER_ENTRY = new URL(typeof RINDA_COMPILED_REPORT_WORKER === 'string' ? RINDA_COMPILED_REPORT_WORKER : './report-worker.mjs', import.meta.url);

/** An idle worker is stopped after this long: its memory is the server's only while managers use reports. */
const IDLE_STOP_MS = 60_000;

/**
 * Runs reports for one branch server. With a database file they run in a worker thread (its own
 * connections), so the live path never waits for a report; an in-memory database (tests) has only its
 * one connection, so reports run in the server's thread there.
 */
export class ReportRunner {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Whether moving the worker to the idle class failed once (and was logged). */
  private idleClassRefused = false;

  constructor(private readonly ctx: AppContext) {}

  /** The report, already encoded as JSON or CSV: the server's thread only writes the bytes out. */
  report(query: ReportQuery, format: ReportFormat): Promise<EncodedReport> {
    return this.run({ kind: 'report', query, format });
  }

  warmUp(): Promise<unknown> {
    return this.run({ kind: 'warmUp' });
  }

  /** Any task of the worker (staffing advice too), with its result's type. */
  run<T extends WorkerTask>(task: T): Promise<WorkerResults[T['kind']]> {
    return this.submit(task) as Promise<WorkerResults[T['kind']]>;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('The server is closing'));
    this.pending.clear();
    await worker?.terminate();
  }

  private submit(body: WorkerTask): Promise<unknown> {
    const { ctx } = this;
    if (ctx.db.memory) return inThread(ctx, body);
    const worker = this.ensureWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const id = this.nextId++;
    const message = { ...body, id, config: ctx.config(), now: ctx.clock() } as WorkerRequest;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_ENTRY, { workerData: { file: this.ctx.db.name } });
    worker.unref();
    worker.on('message', (reply: WorkerReply | WorkerThreadId | RollupWriteRequest) => {
      if ('threadId' in reply) return void this.lowerToIdleClass(worker, reply.threadId);
      if ('writeId' in reply) return this.storeForWorker(worker, reply);
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.data);
      else p.reject(new Error(reply.message));
      if (this.pending.size === 0) this.stopWhenIdle(worker);
    });
    // A crashed worker fails what it was doing; the next report starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`report worker stopped (${code})`)));
    this.worker = worker;
    return worker;
  }

  /**
   * The worker thread's nice value (report-worker-main.ts) still left it a share of a core the live path wanted:
   * on a 2-core branch PC, a call's writes to the displays waited behind a report's time slice. In the idle class a
   * report runs only on CPU time the server and the rest of the machine leave, and as fast as before when they leave
   * it a core. Where that cannot be done, said once: reports then run at nice 10.
   */
  private async lowerToIdleClass(worker: Worker, threadId: number): Promise<void> {
    // A worker already stopped (the server closing) has no thread left, and its id may be another thread's by now.
    if (this.worker !== worker) return;
    const outcome = await moveToIdleClass(threadId);
    if (outcome.moved || this.idleClassRefused || this.worker !== worker) return;
    this.idleClassRefused = true;
    this.ctx.logger.warn({ event: 'report_thread_priority', reason: outcome.reason }, 'reports run at nice 10: the idle scheduling class could not be set (chrt)');
  }

  /**
   * Roll-ups the worker built, stored on the server's own connection between two of the live path's transactions
   * (each a whole event-loop turn): the write lock is never held by a thread that may wait for the CPU. Each write is
   * one day or month (rollup-store.ts), a few milliseconds.
   */
  private storeForWorker(worker: Worker, { writeId, write }: RollupWriteRequest): void {
    let done: RollupWriteDone;
    try {
      writeRollups(this.ctx.db, write);
      done = { writeId, ok: true };
    } catch (error) {
      done = { writeId, ok: false, message: messageOf(error) };
    }
    worker.postMessage(done);
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, IDLE_STOP_MS);
    this.idleTimer.unref();
  }
}

async function inThread(ctx: AppContext, body: WorkerTask): Promise<unknown> {
  const deps: ReportServiceDeps = { readDb: ctx.db, writeRollups: rollupsWrittenTo(ctx.db), config: () => ctx.config(), now: ctx.clock };
  return runTask(deps, body);
}
