import { describe, expect, it } from 'vitest';
import { testConfig } from '../rules/test-kit';
import { businessDayStart } from '../time/business-day';
import { erlangA, erlangCServiceLevel } from './erlang';
import { serviceLevelOf, simulate, type SimulationInput } from './simulation';

const ZONE = 'Europe/Riga';
/** 2026-11-25 06:00 Riga: two hours into the business day (it starts 04:00). */
const SIX = businessDayStart('2026-11-25', ZONE, 6 * 60);
const HOUR = 3_600_000;

/** One service (cash, T in minutes) served by `servers` counters of its own, open all day. */
function singleService(servers: number, targetMin: number) {
  return testConfig((c) => {
    c.services = c.services!.filter((s) => s.id === 'cash').map((s) => ({ ...s, targetWaitMin: targetMin, openingHours: null }));
    c.counters = Array.from({ length: servers }, (_, i) => ({ id: `c${i + 1}`, name: `Counter ${i + 1}`, number: i + 1, serviceIds: ['cash'] }));
  });
}

/**
 * A steady load for as many hours of one business day as a service's walk-in numbers allow (a day issues at most
 * 5,000 of one service: the rules refuse the rest, as a branch would), at most 16; the first and last hour are not
 * measured.
 */
function stationary(servers: number, targetMin: number, perHour: number, meanServiceSec: number, seed: number, abandonPerSec = 0): SimulationInput {
  const config = singleService(servers, targetMin);
  const hours = Math.min(16, Math.floor(4_500 / perHour));
  return {
    config,
    periods: [{ from: SIX, to: SIX + hours * HOUR, arrivalsPerHour: { cash: perHour }, openCounters: config.counters.map((c) => c.id) }],
    serviceTimes: { cash: { meanSec: meanServiceSec, buckets: [] } },
    abandonPerSec: { cash: abandonPerSec },
    exponentialService: true,
    measureFrom: SIX + HOUR,
    measureTo: SIX + (hours - 1) * HOUR,
    seed,
  };
}

describe('simulation against Erlang', () => {
  it.each([
    // servers, T (min), arrivals per hour, mean service (s)
    [1, 1, 40, 60],
    [3, 1, 360, 20],
    [5, 1, 600, 24],
    [8, 1, 1080, 20],
  ])('one service, %i counter(s), T %i min, %i an hour, %i s each: service level within 5 points of Erlang C', (servers, targetMin, perHour, meanSec) => {
    const sim = simulate(stationary(servers, targetMin, perHour, meanSec, 17 + servers));
    const simulated = serviceLevelOf(sim.services.cash)!;
    const erlang = erlangCServiceLevel({ arrivalsPerSec: perHour / 3600, meanServiceSec: meanSec, servers, targetSec: targetMin * 60 });
    expect(sim.services.cash!.counted).toBeGreaterThan(400);
    expect(Math.abs(simulated - erlang)).toBeLessThanOrEqual(0.05);
  });

  it('with customers who give up, agrees with Erlang A (a no-show is called, and costs the counter a minute)', () => {
    // A light no-show load: the minute a teller spends on each is small beside the service time.
    const input = stationary(4, 3, 200, 60, 5, 1 / 600);
    const sim = simulate(input);
    const a = erlangA({ arrivalsPerSec: 200 / 3600, meanServiceSec: 60, servers: 4, targetSec: 180, abandonPerSec: 1 / 600 });
    expect(Math.abs(serviceLevelOf(sim.services.cash)! - a.serviceLevel)).toBeLessThanOrEqual(0.05);
    expect(sim.services.cash!.noShows).toBeGreaterThan(0);
  });

  it('is the same run for the same seed, and another for another seed', () => {
    const a = simulate(stationary(3, 2, 150, 60, 1));
    expect(simulate(stationary(3, 2, 150, 60, 1))).toEqual(a);
    expect(simulate(stationary(3, 2, 150, 60, 2)).services.cash).not.toEqual(a.services.cash);
  });
});

describe('simulation through the real rules', () => {
  it('lets a counter that serves two services take both, and counts each service on its own', () => {
    const config = testConfig((c) => {
      c.services = c.services!.filter((s) => s.id === 'cash' || s.id === 'accounts').map((s) => ({ ...s, openingHours: null }));
      c.counters = [
        { id: 'c1', name: 'Counter 1', number: 1, serviceIds: ['cash', 'accounts'] },
        { id: 'c2', name: 'Counter 2', number: 2, serviceIds: ['cash'] },
      ];
    });
    const base: SimulationInput = {
      config,
      periods: [{ from: SIX, to: SIX + 6 * HOUR, arrivalsPerHour: { cash: 20, accounts: 6 }, openCounters: ['c2'] }],
      serviceTimes: { cash: { meanSec: 180, buckets: [[119, 120, 1], [239, 240, 1]] }, accounts: { meanSec: 300, buckets: [] } },
      abandonPerSec: {},
      measureFrom: SIX,
      measureTo: SIX + 5 * HOUR,
      seed: 3,
    };
    // Only the cash counter open: nobody calls accounts; every accounts leg waits past T.
    const cashOnly = simulate(base);
    expect(serviceLevelOf(cashOnly.services.accounts)).toBe(0);
    const both = simulate({ ...base, periods: [{ ...base.periods[0]!, openCounters: ['c1', 'c2'] }] });
    expect(serviceLevelOf(both.services.accounts)!).toBeGreaterThan(0.8);
    expect(serviceLevelOf(both.services.cash)!).toBeGreaterThan(serviceLevelOf(cashOnly.services.cash)!);
  });

  it('opens and closes counters by the plan, period by period, and an extra counter of a what-if serves', () => {
    const config = singleService(1, 5);
    const periods = [
      { from: SIX, to: SIX + 2 * HOUR, arrivalsPerHour: { cash: 30 }, openCounters: ['c1'] },
      { from: SIX + 2 * HOUR, to: SIX + 4 * HOUR, arrivalsPerHour: { cash: 30 }, openCounters: ['c1', 'extra-1'] },
    ];
    const input: SimulationInput = {
      config, periods, serviceTimes: { cash: { meanSec: 150, buckets: [] } }, abandonPerSec: {}, exponentialService: true,
      extraCounters: [{ id: 'extra-1', name: 'Extra', number: 99, serviceIds: ['cash'] }],
      measureFrom: SIX, measureTo: SIX + 4 * HOUR, seed: 9,
    };
    const sim = simulate(input);
    // 30 an hour at 150 s is 1.25 erlangs: one counter falls behind, two keep up.
    expect(serviceLevelOf(sim.periods[0]!.cash)!).toBeLessThan(0.6);
    expect(serviceLevelOf(sim.periods[1]!.cash)!).toBeGreaterThan(serviceLevelOf(sim.periods[0]!.cash)!);
    // The same plan without the extra counter (unknown ids are not opened) does worse in the second period.
    const without = simulate({ ...input, extraCounters: [] });
    expect(serviceLevelOf(without.periods[1]!.cash)!).toBeLessThan(serviceLevelOf(sim.periods[1]!.cash)!);
  });
});
