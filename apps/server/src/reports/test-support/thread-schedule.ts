import { readdirSync, readFileSync } from 'node:fs';

/** Linux's numbers for the normal and the idle scheduling class (sched.h). */
export const SCHED_OTHER = 0;
export const SCHED_IDLE = 5;

export interface ThreadSchedule {
  nice: number;
  policy: number;
}

/**
 * Nice value and scheduling policy of a thread of this process, from /proc (fields 19 and 41 of its stat; the
 * fields after the command name, which may hold spaces, start at field 3); null for a thread that has ended.
 */
export function threadSchedule(tid: string): ThreadSchedule | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { nice: Number(fields[16]), policy: Number(fields[38]) };
  } catch {
    return null;
  }
}

/** Every live thread of this process with its schedule. */
export function threadSchedules(): Map<string, ThreadSchedule> {
  const threads = new Map<string, ThreadSchedule>();
  for (const tid of readdirSync('/proc/self/task')) {
    const schedule = threadSchedule(tid);
    if (schedule) threads.set(tid, schedule);
  }
  return threads;
}
