import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

/** Nice value of each thread of this process, from /proc (field 19 of stat, after the command name). */
function threadNiceValues(): Map<string, number> {
  const nice = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nice.set(tid, Number(fields[16]));
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return nice;
}

describe('report worker priority', () => {
  it('runs a report on a thread of lower priority and leaves every thread of the server as it was', async () => {
    branch = await startBranch();
    const manager = await branch.userToken('manager', 'maija');
    const before = threadNiceValues();
    const res = await branch.http('/api/reports/summary?from=2026-01-01&to=2026-01-31&groupBy=service', { token: manager });
    expect(res.status).toBe(200);
    const after = threadNiceValues();
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === 10);
    expect(lowered.length).toBeGreaterThanOrEqual(1);
    for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid), `thread ${tid}`).toBe(nice);
  });
});
