import { Worker } from 'node:worker_threads';

export interface ProgramRun {
  binary: string;
  args: string[];
  stdin: string;
  timeoutMs: number;
}

/**
 * Nice value of the program thread, and so of every program it starts (a child inherits its starting thread's).
 * Its programs (speech renders) are background work: starting one (fork and exec of a process the server's size)
 * costs the starting thread about half a millisecond of CPU, a burst of 100 calls 200 of them, and at the server's
 * priority that took the CPU from the displays' writes (issue 22). At 10 the live path gets a core when both want
 * it; an idle machine still renders at full speed. Set on the thread itself, never on the server's main thread.
 */
export const PROGRAM_THREAD_NICE = 10;

/**
 * The thread's code, plain CommonJS so it needs no loader or build step. execFile, never a shell: the text
 * goes through stdin and cannot become a command. A `kill` message stops a program; its reply still comes
 * once it has exited, so whoever stopped it knows it no longer writes anything.
 */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { execFile } = require('node:child_process');
const { readlinkSync } = require('node:fs');
const { setPriority } = require('node:os');
// Linux keeps a nice value per thread: lower this thread's only (its id is never the process id). The same rule as
// lowerThreadPriority in apps/server/src/reports/report-worker-main.ts, written out here because this source runs
// without a loader and cannot import it: a change to one is a change to both.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, ${PROGRAM_THREAD_NICE});
} catch {
  // No /proc (not Linux) or not permitted: the programs then run at the server's priority.
}
const running = new Map();
parentPort.on('message', (message) => {
  if (message.kill !== undefined) return void running.get(message.kill)?.kill();
  const { id, binary, args, stdin, timeoutMs } = message;
  let child;
  try {
    child = execFile(binary, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      running.delete(id);
      parentPort.postMessage({ id, error: error ? error.message : null, stdout, stderr });
    });
  } catch (error) {
    return void parentPort.postMessage({ id, error: String(error), stdout: '', stderr: '' });
  }
  running.set(id, child);
  // The program may exit before reading stdin: the EPIPE that follows is not news, the exit status is.
  child.stdin?.on('error', () => {});
  child.stdin?.end(stdin);
});
`;

interface Reply {
  id: number;
  error: string | null;
  stdout: string;
  stderr: string;
}

let thread: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (stdout: string) => void; reject: (error: Error) => void; run: ProgramRun }>();

function programThread(): Worker {
  if (thread) return thread;
  const started = new Worker(THREAD_SOURCE, { eval: true });
  started.on('message', (reply: Reply) => {
    const caller = waiting.get(reply.id);
    if (!caller) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    const { binary, args } = caller.run;
    if (reply.error !== null) caller.reject(new Error(`${binary} ${args[0] ?? ''} failed: ${reply.stderr.trim() || reply.error}`));
    else caller.resolve(reply.stdout);
  });
  // A thread that died takes its programs' answers with it: fail them, and start a new thread next time.
  const lost = (error: Error) => {
    if (thread === started) thread = null;
    for (const [id, caller] of waiting) {
      waiting.delete(id);
      caller.reject(error);
    }
  };
  started.on('error', lost);
  started.on('exit', (code) => lost(new Error(`the program thread exited (${code})`)));
  started.unref();
  thread = started;
  return started;
}

/**
 * Runs a program to its end from a worker thread and resolves with its stdout. Starting a process takes the
 * starting thread a few milliseconds (fork, then waiting for the exec), more on a loaded machine; from the
 * server's own thread that would hold up every call and broadcast behind it, so it happens here instead.
 */
export function runInProgramThread(run: ProgramRun, signal?: AbortSignal): Promise<string> {
  const worker = programThread();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const stop = () => worker.postMessage({ kill: id });
    waiting.set(id, {
      run,
      resolve: (stdout) => {
        signal?.removeEventListener('abort', stop);
        resolve(stdout);
      },
      reject: (error) => {
        signal?.removeEventListener('abort', stop);
        reject(error);
      },
    });
    // Kept alive while a program runs, so its answer is not lost; otherwise it never holds the process open.
    worker.ref();
    worker.postMessage({ id, ...run });
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}
