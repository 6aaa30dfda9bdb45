import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '@rinda/shared';
import type { Branch } from '../../../../tests/support/start-branch';
import { computeDayPartials, DIMS, noDataGroups } from './day-partials';
import { reportSettings } from './report-settings';
import { branchWithOneClosedDay } from './test-support/one-closed-day';
import { businessDayBounds } from './zoned-time';

/**
 * Issue 18: a 400-day summary on a nearly empty branch took about 2 s the first time, because every day before
 * the branch's first ticket was rolled up and stored like a real one (docs/REPORTS.md, "A new branch's long range
 * is arithmetic"). Such a day is now neither read nor stored; its figures come from arithmetic (noDataGroups),
 * which must be what the event log would have given.
 */
/**
 * A dimension's groups as figures: a histogram by its non-zero buckets (an empty day's arithmetic allocates none,
 * which is the point: 18 KB each, four per group).
 */
function figures(groups: ReturnType<typeof noDataGroups>) {
  return [...groups].map(([key, partial]) => [
    key,
    Object.fromEntries(
      Object.entries(partial).map(([name, value]) => [name, value instanceof Float64Array ? [...value.entries()].filter(([, n]) => n !== 0) : value]),
    ),
  ]);
}

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

const FIRST_DAY = '2026-03-11';
const FROM = addDays(FIRST_DAY, -399);

describe("a new branch's long report range", () => {
  it('stores no roll-up for the days before its first ticket, and reports them as the event log would', async () => {
    const b = (branch = await branchWithOneClosedDay(FIRST_DAY));

    const manager = await b.userToken('manager', 'maija');
    for (const [name, groupBy] of [
      ['summary', 'day'],
      ['hourly', 'hour'],
    ] as const) {
      const res = await b.http(`/api/reports/${name}?from=${FROM}&to=${FIRST_DAY}&groupBy=${groupBy}`, { token: manager });
      expect(res.status, `${name} by ${groupBy}`).toBe(200);
    }
    const summary = (await (await b.http(`/api/reports/summary?from=${FROM}&to=${FIRST_DAY}&groupBy=day`, { token: manager })).json()) as {
      rows: { group: string; visits: number }[];
    };
    expect(summary.rows.filter((r) => r.visits > 0).map((r) => r.group)).toEqual([FIRST_DAY]);

    // The table holds days (YYYY-MM-DD) and months (YYYY-MM, a dozen rows a year, built from the days by arithmetic).
    const storedDays = (b.ctx.db.prepare('SELECT business_day AS day FROM report_rollup_days ORDER BY business_day').all() as { day: string }[])
      .map((r) => r.day)
      .filter((period) => period.length === 10);
    expect(storedDays.filter((day) => day < FIRST_DAY), 'no empty day before the first ticket is stored').toEqual([]);
    expect(storedDays).toContain(FIRST_DAY);

    // The shortcut is exact: for an empty day, including both of Riga's clock changes within the range, every
    // dimension is what reading the (empty) event log gives.
    const settings = reportSettings(b.ctx.config());
    const now = b.clock.now();
    for (const day of [FROM, '2025-03-30', '2025-10-26', addDays(FIRST_DAY, -1)]) {
      const bounds = businessDayBounds(day, settings.dayStart, settings.timeZone);
      const ctx = { bounds, horizon: Math.min(now, bounds.endsAt), closed: true, settings };
      const read = computeDayPartials(b.ctx.db, ctx);
      expect(read.hour.size, `${day}: its observed hours are figures too`).toBeGreaterThan(0);
      for (const dim of DIMS) expect(figures(noDataGroups(ctx, dim)), `${day} ${dim}`).toEqual(figures(read[dim]));
    }
  });
});
