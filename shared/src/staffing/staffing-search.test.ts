import { describe, expect, it } from 'vitest';
import { testConfig } from '../rules/test-kit';
import { businessDayStart } from '../time/business-day';
import { erlangCServiceLevel, serversForGoal } from './erlang';
import { coverNeeds, smallestStaffing, type HourDemand } from './staffing-search';

const DAY_STARTS = businessDayStart('2026-11-25', 'Europe/Riga', 4 * 60);
const options = { dayStartsAt: DAY_STARTS, seed: 4, minArrivals: 1500, maxHours: 12, maxEvaluations: 12 };

function config(counters: { id: string; serviceIds: string[] }[]) {
  return testConfig((c) => {
    c.services = c.services!.filter((s) => s.id === 'cash' || s.id === 'accounts').map((s) => ({ ...s, targetWaitMin: 3, goalPercent: 80, openingHours: null }));
    c.counters = counters.map((x, i) => ({ ...x, name: `Counter ${i + 1}`, number: i + 1 }));
  });
}

const erlangNeed = (perHour: number, meanSec: number) =>
  serversForGoal((n) => erlangCServiceLevel({ arrivalsPerSec: perHour / 3600, meanServiceSec: meanSec, servers: n, targetSec: 180 }), 0.8, 0, 50)!;

describe('coverNeeds', () => {
  it('takes dedicated counters first and counts a shared counter as half for each of its two busy services', () => {
    const counters = config([
      { id: 'both', serviceIds: ['cash', 'accounts'] },
      { id: 'cash1', serviceIds: ['cash'] },
      { id: 'cash2', serviceIds: ['cash'] },
      { id: 'acc1', serviceIds: ['accounts'] },
    ]).counters;
    expect(coverNeeds(counters, new Set(['cash', 'accounts']), { cash: 2, accounts: 1 })).toEqual(['cash1', 'cash2', 'acc1']);
    expect(coverNeeds(counters, new Set(['cash', 'accounts']), { cash: 3, accounts: 1 })).toEqual(['cash1', 'cash2', 'both', 'acc1']);
  });
});

describe('smallestStaffing', () => {
  it('with counters of one service each, finds what Erlang finds for each service (give or take one)', () => {
    const cfg = config([
      ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => ({ id, serviceIds: ['cash'] })),
      ...['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, serviceIds: ['accounts'] })),
    ]);
    const demand: HourDemand = {
      arrivalsPerHour: { cash: 120, accounts: 30 },
      serviceTimes: { cash: { meanSec: 90, buckets: [] }, accounts: { meanSec: 240, buckets: [] } },
      abandonPerSec: {},
      needs: { cash: 1, accounts: 1 },
    };
    const found = smallestStaffing(cfg, demand, options);
    expect(found.meetsGoals).toBe(true);
    const cash = found.counterIds.filter((id) => id.startsWith('c')).length;
    const accounts = found.counterIds.filter((id) => id.startsWith('a')).length;
    expect(Math.abs(cash - erlangNeed(120, 90))).toBeLessThanOrEqual(1);
    expect(Math.abs(accounts - erlangNeed(30, 240))).toBeLessThanOrEqual(1);
    expect(found.serviceLevels.cash!).toBeGreaterThanOrEqual(0.8);
  });

  it('with a shared counter, needs no more counters than the services would apart, and meets every goal', () => {
    const cfg = config([
      { id: 'c1', serviceIds: ['cash'] },
      { id: 'c2', serviceIds: ['cash'] },
      { id: 'c3', serviceIds: ['cash'] },
      { id: 'both', serviceIds: ['cash', 'accounts'] },
      { id: 'a1', serviceIds: ['accounts'] },
      { id: 'a2', serviceIds: ['accounts'] },
    ]);
    const demand: HourDemand = {
      arrivalsPerHour: { cash: 60, accounts: 12 },
      serviceTimes: { cash: { meanSec: 120, buckets: [] }, accounts: { meanSec: 200, buckets: [] } },
      abandonPerSec: {},
      needs: { cash: erlangNeed(60, 120), accounts: erlangNeed(12, 200) },
    };
    const found = smallestStaffing(cfg, demand, options);
    expect(found.meetsGoals).toBe(true);
    expect(found.counterIds.length).toBeLessThanOrEqual(erlangNeed(60, 120) + erlangNeed(12, 200));
    expect(found.counterIds.length).toBeGreaterThanOrEqual(Math.ceil(2 + 12 * 200 / 3600));
    expect(found.evaluations).toBeLessThanOrEqual(12);
  });

  it('says so when even every counter cannot meet the goals', () => {
    const cfg = config([{ id: 'c1', serviceIds: ['cash'] }]);
    const demand: HourDemand = { arrivalsPerHour: { cash: 90 }, serviceTimes: { cash: { meanSec: 120, buckets: [] } }, abandonPerSec: {}, needs: { cash: 4 } };
    const found = smallestStaffing(cfg, demand, { ...options, minArrivals: 300 });
    expect(found.meetsGoals).toBe(false);
    expect(found.counterIds).toEqual(['c1']);
  });
});
