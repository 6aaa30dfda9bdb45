import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const ENTRY = new URL('./fault-server.ts', import.meta.url).pathname;

/** A port free right now on 127.0.0.1, so a restarted server comes back at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The branch server as a child process that can be SIGKILLed and started again on the same data and port. */
/** kill -9 and wait for the exit: no shutdown code runs, exactly like a power cut for the process. */
export async function killNow(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private stderr = '';
  private stdout = '';
  private readonly outputWaiters = new Set<() => void>();
  readonly url: string;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** `env` adds to this process's environment for this start only (fault-server.ts reads its RINDA_FAULT_* hooks). */
  async start(env: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, this.dataDir, String(this.port)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child = child;
    this.stdout = '';
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.stdout?.on('data', (d: Buffer) => {
      this.stdout = (this.stdout + d.toString()).slice(-4000);
      for (const wake of [...this.outputWaiters]) wake();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${this.stderr}`)), 30_000);
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${this.stderr}`));
      });
    });
  }

  /** Resolves with the first line of this start's standard output that contains `text`. */
  waitForOutput(text: string, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.stdout.split('\n').find((l) => l.includes(text));
        if (line === undefined) return;
        clearTimeout(timer);
        this.outputWaiters.delete(check);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.outputWaiters.delete(check);
        reject(new Error(`the server printed no "${text}" within ${timeoutMs} ms: ${this.stderr}`));
      }, timeoutMs);
      this.outputWaiters.add(check);
      check();
    });
  }

  /** kill -9: no shutdown code runs, exactly like a power cut for the process. */
  async kill(): Promise<void> {
    await killNow(this.child);
    this.child = null;
  }
}
