import { runInProgramProcess } from '@rinda/hardware';
import { messageOf } from '@rinda/shared';

/** How long `chrt` may take; it answers at once when it works. */
const CHRT_TIMEOUT_MS = 5_000;

export type IdleClassOutcome = { moved: true } | { moved: false; reason: string };

/**
 * Moves one thread of this process (by its Linux thread id) to the idle scheduling class, SCHED_IDLE: it then runs
 * only on CPU time that nothing of normal priority wants, and a thread of the server waking up (a call, a ticket)
 * takes the core from it at once, which a nice value alone does not promise. util-linux's `chrt`, started from the
 * program process (a start from the server's own process stalls its thread: program-process.ts), changes that
 * thread alone. Where it cannot (no `chrt`, not Linux) the thread keeps its nice value, and the outcome says why.
 * `chrt`: the program, found on the PATH unless a path is given.
 */
export async function moveToIdleClass(threadId: number, chrt = 'chrt'): Promise<IdleClassOutcome> {
  try {
    await runInProgramProcess({ binary: chrt, args: ['--idle', '--pid', '0', String(threadId)], stdin: '', timeoutMs: CHRT_TIMEOUT_MS });
    return { moved: true };
  } catch (error) {
    return { moved: false, reason: messageOf(error) };
  }
}
