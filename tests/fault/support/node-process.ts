import { spawn, type ChildProcess } from 'node:child_process';
import { killNow } from './server-process';

/** A TypeScript entry (run through tsx) as a child process that can be SIGKILLed and started again. */
export class NodeProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  /** Starts it and resolves once its standard output contains `ready` (its start-up line). */
  async start(ready: string, timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', this.entry, ...this.args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env } });
    this.child = child;
    this.output = '';
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start in ${timeoutMs} ms: ${this.output}`)), timeoutMs);
      const check = () => {
        if (!this.output.includes(ready)) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}: ${this.output}`));
      });
    });
  }

  /** kill -9: no shutdown code runs. */
  async kill(): Promise<void> {
    await killNow(this.child);
    this.child = null;
  }

  log(): string {
    return this.output;
  }
}
