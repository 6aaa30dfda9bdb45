import { readFileSync } from 'node:fs';

/**
 * CPU seconds a process has used so far, all its threads, user + system, from /proc (clock ticks of 1/100 s
 * on Linux). On a shared machine a latency moves with everything else that runs; the CPU a server spends per
 * request moves far less, so it is printed beside the figures it explains.
 */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
