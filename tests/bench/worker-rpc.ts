/**
 * Benchmark processes talk over Node's IPC channel: the runner calls a method in a child, the child
 * answers. Servers and clients run in separate processes so a client's work never shares the server's
 * event loop (on 2 cores they still share the CPU, as real kiosks on the same machine would not).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Handler = (params: never) => unknown;
interface CallMessage {
  id: number;
  method: string;
  params: unknown;
}
type ReplyMessage = { id: number; result: unknown } | { id: number; error: string };

export interface Worker {
  pid: number;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  /** Ends the process (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/**
 * Starts `file` with an IPC channel: a .ts module (relative to this one) under tsx, a compiled .mjs
 * (compiled-server-worker.ts) with Node alone; `nodeFlags` go to Node (the server's, as `npm start` gives them).
 */
export function startWorker(file: string, name: string, nodeFlags: string[] = []): Worker {
  // RINDA_BENCH_CPU_PROF=<dir>: servers write a V8 CPU profile there when they exit (how causes were found).
  const profile = process.env.RINDA_BENCH_CPU_PROF && name.endsWith('-server') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.RINDA_BENCH_CPU_PROF}`] : [];
  // RINDA_BENCH_SERVER_FLAGS="--perf-basic-prof …": more Node flags for the servers (profiling with perf, tracing).
  const extra = name.endsWith('-server') ? (process.env.RINDA_BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? []) : [];
  const loader = file.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const child: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: [...nodeFlags, ...extra, ...loader, ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, RINDA_LOG_LEVEL: process.env.RINDA_LOG_LEVEL ?? 'error', BENCH_WORKER: name },
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (raw) => {
    const msg = raw as ReplyMessage;
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    clearTimeout(waiter.timer);
    if ('error' in msg) waiter.reject(new Error(`${name}: ${msg.error}`));
    else waiter.resolve(msg.result);
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`benchmark process ${name} exited unexpectedly (${code ?? signal})`);
    for (const [, waiter] of pending) waiter.reject(new Error(`${name} exited (${code ?? signal}) during a call`));
    pending.clear();
  });
  return {
    pid: child.pid ?? -1,
    call<T>(method: string, params?: unknown, timeoutMs = 120_000) {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}.${method} did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ id, method, params } satisfies CallMessage);
      });
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: answers the runner's calls with these handlers; exits when the runner goes away. */
export function serveWorker(handlers: Record<string, Handler>): void {
  process.on('message', (raw) => {
    const msg = raw as CallMessage;
    const handler = handlers[msg.method];
    void (async () => {
      try {
        if (!handler) throw new Error(`no method ${msg.method}`);
        const result = await handler(msg.params as never);
        process.send?.({ id: msg.id, result: result ?? null } satisfies ReplyMessage);
      } catch (error) {
        process.send?.({ id: msg.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ReplyMessage);
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  // An orderly exit, so a CPU profile (--cpu-prof) is written.
  process.on('SIGTERM', () => process.exit(0));
}
