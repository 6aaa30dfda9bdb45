import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { branchWithOneClosedDay } from './test-support/one-closed-day';
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

  it('hands the roll-ups it builds to the server thread to store: the idle-class thread never takes the write lock', async () => {
    const day = '2026-03-11';
    const b = (branch = await branchWithOneClosedDay(day));
    const manager = await b.userToken('manager', 'maija');
    // SQLite moves a connection's data_version on only when another connection commits.
    const dataVersion = () => b.ctx.db.pragma('data_version', { simple: true }) as number;
    const before = dataVersion();

    const res = await b.http(`/api/reports/summary?from=${day}&to=${day}&groupBy=day`, { token: manager });
    expect(res.status).toBe(200);
    const stored = b.ctx.db.prepare('SELECT count(*) FROM report_rollups WHERE business_day = ?').pluck().get(day) as number;
    expect(stored, 'the closed day was rolled up and stored').toBeGreaterThan(0);
    expect(dataVersion(), 'committed by the server connection, not the worker').toBe(before);
  });
});
