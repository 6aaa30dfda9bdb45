import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { SCHED_IDLE, threadSchedules } from './test-support/thread-schedule';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

describe('report worker priority', () => {
  it('runs a report on a thread at nice 10 in the idle class and leaves every thread of the server as it was', async () => {
    branch = await startBranch();
    const manager = await branch.userToken('manager', 'maija');
    const before = threadSchedules();
    const res = await branch.http('/api/reports/summary?from=2026-01-01&to=2026-01-31&groupBy=service', { token: manager });
    expect(res.status).toBe(200);
    // The worker asks for the idle class when it starts; `chrt` answers within milliseconds.
    await expect
      .poll(() => [...threadSchedules()].filter(([tid, t]) => !before.has(tid) && t.nice === 10 && t.policy === SCHED_IDLE).length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(1);
    const after = threadSchedules();
    for (const [tid, was] of before) if (after.has(tid)) expect(after.get(tid), `thread ${tid}`).toEqual(was);
  });
});
