import { afterEach, describe, expect, it } from 'vitest';
import {
  businessDayStart,
  erlangCServiceLevel,
  parseClockTime,
  serversForGoal,
  StaffingDay,
  StaffingWeek,
  StaffingWhatIf,
} from '@rinda/shared';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';
import { writeSteadyHistory } from './test-support/steady-history';

let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

// Wednesday 2026-11-25, 10:30 in Riga; the week starts on Monday the 23rd.
const TODAY = '2026-11-25';
const MONDAY = '2026-11-23';

async function branchWithHistory(): Promise<{ b: Branch; manager: string }> {
  branch = await startBranch({ clock: 'manual', startAt: businessDayStart(TODAY, 'Europe/Riga', parseClockTime('10:30')) });
  writeSteadyHistory(branch.ctx.db, branch.ctx.config(), TODAY, 12);
  return { b: branch, manager: await branch.userToken('manager', 'maija') };
}

describe('GET /api/staffing/week', () => {
  it('forecasts each service and hour from recent weeks with its error, the counters Erlang needs, and what was staffed', async () => {
    const { b, manager } = await branchWithHistory();
    const res = await b.http(`/api/staffing/week?from=${MONDAY}`, { token: manager });
    expect(res.status).toBe(200);
    const week = StaffingWeek.parse(await res.json());
    expect(week).toMatchObject({ from: MONDAY, to: '2026-11-29', weeks: 8, backtestWeeks: 4 });
    // The history is the same every weekday: 24 an hour, 240 s each, so the forecast is exact and so is its back-test.
    const monday10 = week.cells.find((c) => c.day === MONDAY && c.hour === 10 && c.serviceId === 'cash')!;
    expect(monday10).toMatchObject({ forecastArrivals: 24, meanServiceSec: 240, arrivalsWapePercent: 0 });
    expect(week.services.find((s) => s.serviceId === 'cash')).toMatchObject({ arrivalsWapePercent: 0, serviceTimeWapePercent: 0, targetMin: 10, goalPercent: 90 });
    // Erlang C for 24 an hour at 240 s (1.6 erlangs), 90 % within 10 minutes.
    const needC = serversForGoal((n) => erlangCServiceLevel({ arrivalsPerSec: 24 / 3600, meanServiceSec: 240, servers: n, targetSec: 600 }), 0.9, 0, 20);
    expect(monday10.erlangCCounters).toBe(needC);
    expect(monday10.erlangACounters).toBeLessThanOrEqual(needC!);
    // Monday was lived: c1–c3 were signed in the whole hour. Saturday has no traffic, so no cells.
    expect(monday10.actualCounters).toBe(3);
    expect(monday10.expectedServiceLevelPercent).toBeGreaterThan(90);
    expect(week.cells.some((c) => c.day === '2026-11-28')).toBe(false);
    // Thursday has not happened yet: nothing was staffed.
    const thursday = week.intervals.find((i) => i.day === '2026-11-26' && i.hour === 10)!;
    expect(thursday).toMatchObject({ actualCounters: null, under: false });
    expect(thursday.recommendedCounters).toBeGreaterThanOrEqual(1);
    // Today (Wednesday) at 11:00 has not begun at 10:30.
    expect(week.intervals.find((i) => i.day === TODAY && i.hour === 11)?.actualCounters).toBeNull();

    const csv = await b.http(`/api/staffing/week?from=${MONDAY}&format=csv`, { token: manager });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`staffing-week-${MONDAY}.csv`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('day,hour,serviceId,forecastArrivals,arrivalsWapePercent,meanServiceSec,erlangCCounters,erlangACounters,actualCounters,expectedServiceLevelPercent,recommendedCounters,branchActualCounters,under');
    expect(lines).toHaveLength(1 + week.cells.length);
  });

  it('flags an hour staffed below the recommendation', async () => {
    branch = await startBranch({ clock: 'manual', startAt: businessDayStart(TODAY, 'Europe/Riga', parseClockTime('10:30')) });
    // 24 an hour at 240 s is 1.6 erlangs, staffed with one counter: too few for 90 % within 10 minutes.
    writeSteadyHistory(branch.ctx.db, branch.ctx.config(), TODAY, 12, { counters: ['c2'] });
    const manager = await branch.userToken('manager', 'maija');
    const week = StaffingWeek.parse(await (await branch.http(`/api/staffing/week?from=${MONDAY}`, { token: manager })).json());
    const monday = week.intervals.find((i) => i.day === MONDAY && i.hour === 10)!;
    expect(monday.actualCounters).toBe(1);
    expect(monday.recommendedCounters).toBeGreaterThan(1);
    expect(monday.under).toBe(true);
  });

  it('refuses other roles and bad queries', async () => {
    branch = await startBranch();
    const teller = await branch.userToken('teller', 'toms');
    const manager = await branch.userToken('manager', 'maija');
    expect((await branch.http(`/api/staffing/week?from=${MONDAY}`)).status).toBe(401);
    expect((await branch.http(`/api/staffing/week?from=${MONDAY}`, { token: teller })).status).toBe(403);
    for (const bad of [
      '/api/staffing/week?from=2026-13-01',
      // A day the calendar has not (V8 would read it as 2 March), in each staffing route.
      '/api/staffing/week?from=2026-02-30',
      '/api/staffing/day?day=2026-02-30',
      '/api/staffing/what-if?day=2026-02-30&fromHour=10&toHour=12&serviceId=cash&extra=1',
      '/api/staffing/week?from=2026-11-23&extra=1',
      '/api/staffing/day',
      '/api/staffing/what-if?day=2026-11-23&fromHour=12&toHour=10&serviceId=cash&extra=1',
      '/api/staffing/what-if?day=2026-11-23&fromHour=10&toHour=12&serviceId=cash&extra=0',
      '/api/staffing/what-if?day=2026-11-23&fromHour=10&toHour=12&serviceId=Cash!&extra=1',
    ]) expect((await branch.http(bad, { token: manager })).status, bad).toBe(400);
    expect((await branch.http('/api/staffing/what-if?day=2026-11-23&fromHour=10&toHour=12&serviceId=nope&extra=1', { token: manager })).status).toBe(404);
  });
});

describe('GET /api/staffing/what-if and /api/staffing/day', () => {
  it('simulates the day as staffed and with one more counter, and finds each hour’s smallest staffing', async () => {
    const { b, manager } = await branchWithHistory();
    // Monday was staffed with c1–c3; what if one of them had been missing from 10:00 to 12:00?
    const fewer = StaffingWhatIf.parse(await (await b.http(`/api/staffing/what-if?day=${MONDAY}&fromHour=10&toHour=12&serviceId=cash&extra=-2`, { token: manager })).json());
    expect(fewer.baseline).toBe('actual');
    const cash = fewer.services.find((s) => s.serviceId === 'cash')!;
    expect(cash.withChangePercent!).toBeLessThan(cash.baselinePercent!);
    expect(cash.erlangWithChangePercent!).toBeLessThan(cash.erlangBaselinePercent!);
    // Thursday is to come: its baseline is last Thursday's staffing; one more counter cannot make it worse.
    const more = StaffingWhatIf.parse(await (await b.http(`/api/staffing/what-if?day=2026-11-26&fromHour=10&toHour=12&serviceId=cash&extra=1`, { token: manager })).json());
    expect(more.baseline).toBe('week-before');
    const moreCash = more.services.find((s) => s.serviceId === 'cash')!;
    expect(moreCash.withChangePercent!).toBeGreaterThanOrEqual(moreCash.baselinePercent!);
    expect(more.hours.map((h) => h.hour)).toEqual([10, 11]);

    const day = StaffingDay.parse(await (await b.http(`/api/staffing/day?day=2026-11-26`, { token: manager })).json());
    expect(day.hours.map((h) => h.hour)).toEqual([10, 11]);
    for (const h of day.hours) {
      expect(h.meetsGoals).toBe(true);
      expect(h.serviceLevels.cash!).toBeGreaterThanOrEqual(90);
      expect(h.counterIds.length).toBe(h.counters);
    }
  });
});
