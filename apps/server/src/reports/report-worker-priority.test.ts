import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

/** Linux's number for the idle scheduling class (sched.h). */
const SCHED_IDLE = 5;

interface ThreadPriority {
  nice: number;
  policy: number;
}

/** Nice value and scheduling policy of each thread of this process, from /proc (fields 19 and 41 of stat). */
function threadPriorities(): Map<string, ThreadPriority> {
  const threads = new Map<string, ThreadPriority>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The fields after the command name, which may hold spaces: the first of them is field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { nice: Number(fields[16]), policy: Number(fields[38]) });
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return threads;
}

describe('report worker priority', () => {
  it('runs a report on a thread at nice 10 in the idle class and leaves every thread of the server as it was', async () => {
    branch = await startBranch();
    const manager = await branch.userToken('manager', 'maija');
    const before = threadPriorities();
    const res = await branch.http('/api/reports/summary?from=2026-01-01&to=2026-01-31&groupBy=service', { token: manager });
    expect(res.status).toBe(200);
    // The worker asks for the idle class when it starts; `chrt` answers within milliseconds.
    await expect
      .poll(() => [...threadPriorities()].filter(([tid, t]) => !before.has(tid) && t.nice === 10 && t.policy === SCHED_IDLE).length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(1);
    const after = threadPriorities();
    for (const [tid, was] of before) if (after.has(tid)) expect(after.get(tid), `thread ${tid}`).toEqual(was);
  });
});
