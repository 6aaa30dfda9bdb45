import { readFileSync } from 'node:fs';

export interface ProcessCpu {
  /** Seconds in the process's own code (JavaScript, SQLite's b-trees, socket.io's encoding). */
  user: number;
  /** Seconds in the kernel on its behalf (socket writes, WAL writes and syncs). */
  system: number;
}

/**
 * CPU time a process has used so far, all its threads, from /proc (clock ticks of 1/100 s on Linux). On a
 * shared machine a latency moves with everything else that runs; the CPU a server spends per request moves far
 * less, so it is printed beside the figures it explains.
 */
export function processCpu(pid: number): ProcessCpu {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** The CPU a process used between two readings of processCpu. */
export function cpuBetween(before: ProcessCpu, after: ProcessCpu): ProcessCpu {
  return { user: after.user - before.user, system: after.system - before.system };
}

/** The CPU of several stretches together (a benchmark's blocks). */
export function totalCpu(spent: ProcessCpu[]): ProcessCpu {
  return spent.reduce((sum, s) => ({ user: sum.user + s.user, system: sum.system + s.system }), { user: 0, system: 0 });
}

/** Milliseconds of CPU per item, e.g. "0.52 ms (0.31 user, 0.21 system)". */
export function cpuPerItem(spent: ProcessCpu, items: number): string {
  const per = (s: number) => ((s * 1000) / Math.max(1, items)).toFixed(2);
  return `${per(spent.user + spent.system)} ms (${per(spent.user)} user, ${per(spent.system)} system)`;
}
