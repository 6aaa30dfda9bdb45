import { spawn, type ChildProcess } from 'node:child_process';

export interface ProgramRun {
  binary: string;
  args: string[];
  stdin: string;
  timeoutMs: number;
}

/**
 * Nice value of the program process, and so of every program it starts (a child inherits its parent's). Its
 * programs (speech renders) are background work: a burst of 100 calls starts 200 of them, and at the server's
 * priority they took the CPU from the displays' writes (issue 22). At 10 the live path gets a core when both want
 * it; an idle machine still renders at full speed.
 */
export const PROGRAM_PROCESS_NICE = 10;

/**
 * The process's code, plain CommonJS run by `node -e`, so it needs no loader or build step. execFile, never a
 * shell: the text goes through stdin and cannot become a command. A `kill` message stops a program; its reply
 * still comes once it has exited, so whoever stopped it knows it no longer writes anything. It leaves when the
 * server does (its IPC channel closes, even after a kill -9).
 */
const PROCESS_SOURCE = `
const { execFile } = require('node:child_process');
const { setPriority } = require('node:os');
try {
  setPriority(${PROGRAM_PROCESS_NICE});
} catch {
  // Not permitted: the programs then run at the server's priority.
}
process.on('disconnect', () => process.exit(0));
const running = new Map();
process.on('message', (message) => {
  if (message.kill !== undefined) return void running.get(message.kill)?.kill();
  const { id, binary, args, stdin, timeoutMs } = message;
  let child;
  try {
    child = execFile(binary, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      running.delete(id);
      process.send({ id, error: error ? error.message : null, stdout, stderr });
    });
  } catch (error) {
    return void process.send({ id, error: String(error), stdout: '', stderr: '' });
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

let helper: ChildProcess | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (stdout: string) => void; reject: (error: Error) => void; run: ProgramRun }>();

/** Whether the helper may keep the server running: only while one of its programs has not answered yet. */
function holdOpen(child: ChildProcess, hold: boolean): void {
  if (hold) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

function programProcess(): ChildProcess {
  if (helper) return helper;
  // The server runs on Node (never inside Electron), so its own binary runs the helper.
  const started = spawn(process.execPath, ['-e', PROCESS_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.on('message', (reply: Reply) => {
    const caller = waiting.get(reply.id);
    if (!caller) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) holdOpen(started, false);
    const { binary, args } = caller.run;
    if (reply.error !== null) caller.reject(new Error(`${binary} ${args[0] ?? ''} failed: ${reply.stderr.trim() || reply.error}`));
    else caller.resolve(reply.stdout);
  });
  // A helper that died takes its programs' answers with it: fail them, and start a new one next time.
  const lost = (error: Error) => {
    if (helper === started) helper = null;
    for (const [id, caller] of waiting) {
      waiting.delete(id);
      caller.reject(error);
    }
  };
  started.on('error', lost);
  started.on('exit', (code, signal) => lost(new Error(`the program process exited (${signal ?? code})`)));
  holdOpen(started, false);
  helper = started;
  return started;
}

/**
 * Runs a program to its end from a small helper process and resolves with its stdout. Starting a process is a
 * fork of the one that starts it: from the server's process (150–300 MB, its thread or any other) each start
 * took milliseconds and stalled the server's thread while the memory map was copied, which a burst of calls paid
 * in every call's way to the displays (docs/BENCHMARKS.md, issue 22, fifth round). The helper is a bare Node
 * process, started once, whose forks are small.
 */
export function runInProgramProcess(run: ProgramRun, signal?: AbortSignal): Promise<string> {
  const child = programProcess();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const stop = () => child.connected && child.send({ kill: id });
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
    // Kept alive while a program runs, so its answer is not lost; otherwise it never holds the server open.
    holdOpen(child, true);
    child.send({ id, ...run });
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}
