/**
 * The busy machine of `npm run bench -- --busy`: a branch server is often a small PC that does other things too.
 * A fixed, reproducible load runs beside the benchmarks for the whole run: one process at normal priority
 * (nice 0, like the server) spinning on the CPU, i.e. one core's worth of work that competes with the server,
 * its clients and the floor alike. The 1-minute load average is sampled while it runs, as proof of the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';

/** What docs/BENCHMARKS.md says the load was. */
export const CPU_LOAD_DESCRIPTION = 'one process spinning at normal priority (nice 0) for the whole run';
/** Tables measured under it are their own sections: `## 2. Ticket issue, busy machine`. */
export const BUSY_SECTION_SUFFIX = ', busy machine';
const SAMPLE_EVERY_MS = 5000;

export interface CpuLoad {
  /** Stops the spinning process; returns the highest 1-minute load average seen while it ran. */
  stop(): Promise<number>;
}

export function startCpuLoad(): CpuLoad {
  // A plain loop in its own Node process: no I/O, no allocation, the same work on every machine.
  const child: ChildProcess = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  let peak = loadavg()[0]!;
  const sampler = setInterval(() => (peak = Math.max(peak, loadavg()[0]!)), SAMPLE_EVERY_MS);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      clearInterval(sampler);
      peak = Math.max(peak, loadavg()[0]!);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      return peak;
    },
  };
}
