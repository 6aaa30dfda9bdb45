import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC, erlangCMeanWaitSec, erlangCServiceLevel, serversForGoal } from './erlang';

/**
 * Published values: the Erlang B table (blocking 1 % and 2 %, e.g. the table in ITU-T's Teletraffic Engineering
 * Handbook, Iversen, ch. 4, and every "Erlang B table" derived from it): N = 5 carries 1.3608 erlangs at 1 %,
 * N = 10 carries 4.4612 at 1 % and 5.0840 at 2 %, N = 20 carries 12.031 at 1 %, N = 50 carries 37.901 at 1 %.
 * Erlang C: the textbook value C(N = 5, A = 3) = 0.2362 (Erlang C tables, e.g. Kleinrock, Queueing Systems I).
 */
describe('Erlang B', () => {
  it.each([
    [5, 1.3608, 0.01],
    [10, 4.4612, 0.01],
    [10, 5.084, 0.02],
    [20, 12.031, 0.01],
    [50, 37.901, 0.01],
  ])('with %i servers and %f erlangs blocks %f of arrivals (published table)', (n, a, blocked) => {
    expect(erlangB(n, a)).toBeCloseTo(blocked, 4);
  });

  it('stays finite where factorials and powers would overflow (1000 servers, 950 erlangs)', () => {
    const b = erlangB(1000, 950);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
  });
});

describe('Erlang C', () => {
  it('gives the published probability of waiting for 5 servers and 3 erlangs', () => {
    expect(erlangC(5, 3)).toBeCloseTo(0.2362, 4);
  });

  it('agrees with the textbook sum formula computed directly on a small case', () => {
    const n = 7;
    const a = 5.2;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < n; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    const top = term * (n / (n - a));
    expect(erlangC(n, a)).toBeCloseTo(top / (sum + top), 12);
  });

  it('waits for sure when the load reaches the servers, and never with no load', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 0)).toBe(0);
    expect(erlangCServiceLevel({ arrivalsPerSec: 1 / 60, meanServiceSec: 300, servers: 5, targetSec: 600 })).toBe(0);
  });

  it('gives the service level and mean wait of the M/M/N queue', () => {
    const m = { arrivalsPerSec: 3 / 300, meanServiceSec: 300, servers: 5, targetSec: 120 };
    // 1 − C·e^(−(N−A)T/AHT) with C = 0.2362, (5 − 3)·120/300 = 0.8; mean wait C·AHT/(N−A).
    expect(erlangCServiceLevel(m)).toBeCloseTo(1 - 0.23615 * Math.exp(-0.8), 3);
    expect(erlangCMeanWaitSec(m)).toBeCloseTo((0.23615 * 300) / 2, 0);
  });
});

describe('Erlang A', () => {
  const model = { arrivalsPerSec: 1 / 60, meanServiceSec: 300, servers: 6, targetSec: 600 };

  it('becomes Erlang C as customers become endlessly patient', () => {
    const a = erlangA({ ...model, abandonPerSec: 1e-12 });
    expect(a.serviceLevel).toBeCloseTo(erlangCServiceLevel(model), 6);
    expect(a.waitProbability).toBeCloseTo(erlangC(6, 5), 6);
    expect(a.meanWaitSec).toBeCloseTo(erlangCMeanWaitSec(model), 2);
  });

  it('reaches more customers within T than Erlang C, as those who give up shorten the queue', () => {
    const patient = erlangCServiceLevel(model);
    const a = erlangA({ ...model, abandonPerSec: 1 / 900 });
    expect(a.serviceLevel).toBeGreaterThan(patient);
    expect(a.abandonProbability).toBeGreaterThan(0);
    expect(a.abandonProbability).toBeLessThan(1);
  });

  it('stays stable when arrivals exceed what the counters can serve (abandonment bounds the queue)', () => {
    const a = erlangA({ arrivalsPerSec: 1 / 20, meanServiceSec: 300, servers: 4, targetSec: 600, abandonPerSec: 1 / 1200 });
    expect(Number.isFinite(a.serviceLevel)).toBe(true);
    expect(a.serviceLevel).toBeGreaterThanOrEqual(0);
    expect(a.serviceLevel).toBeLessThan(0.2);
    // Those who are not served give up: served rate N/AHT at most, so at least 1 − (4/300)/(1/20) give up.
    expect(a.abandonProbability).toBeGreaterThan(1 - (4 / 300) * 20 - 1e-9);
  });

  it('matches the offered wait computed a second way: the tagged customer as a pure-death chain, by uniformisation', () => {
    const m = { arrivalsPerSec: 1 / 90, meanServiceSec: 400, servers: 3, targetSec: 300, abandonPerSec: 1 / 600 };
    const mu = 1 / m.meanServiceSec;
    const lambda = m.arrivalsPerSec;
    const theta = m.abandonPerSec;
    const n = m.servers;
    // Stationary distribution of the number in the system, plain floats (small case).
    const K = 400;
    const p: number[] = [1];
    for (let k = 1; k <= K; k++) p.push((p[k - 1]! * lambda) / (Math.min(k, n) * mu + Math.max(0, k - n) * theta));
    const total = p.reduce((s, x) => s + x, 0);
    // P(offered wait > T | j waiting ahead): a death chain from j+1 stages, rates nμ + iθ, by uniformisation.
    const late = (j: number) => {
      const rate = n * mu + j * theta;
      const lt = rate * m.targetSec;
      let stage = new Array<number>(j + 2).fill(0);
      stage[j + 1] = 1;
      let poisson = Math.exp(-lt);
      let absorbed = 0;
      for (let step = 0; step < 2000; step++) {
        absorbed += poisson * stage[0]!;
        const next = new Array<number>(j + 2).fill(0);
        next[0] = stage[0]!;
        for (let s = 1; s <= j + 1; s++) {
          const out = (n * mu + (s - 1) * theta) / rate;
          next[s - 1]! += stage[s]! * out;
          next[s]! += stage[s]! * (1 - out);
        }
        stage = next;
        poisson *= lt / (step + 1);
      }
      return 1 - absorbed;
    };
    let lateMass = 0;
    for (let k = n; k <= 120; k++) lateMass += (p[k]! / total) * late(k - n);
    expect(erlangA(m).serviceLevel).toBeCloseTo(1 - lateMass, 5);
  });
});

describe('serversForGoal', () => {
  it('finds the fewest servers that reach the goal, or null within the bound', () => {
    const sl = (servers: number) => erlangCServiceLevel({ arrivalsPerSec: 1 / 60, meanServiceSec: 300, servers, targetSec: 600 });
    const needed = serversForGoal(sl, 0.9, 0, 50)!;
    expect(sl(needed)).toBeGreaterThanOrEqual(0.9);
    expect(sl(needed - 1)).toBeLessThan(0.9);
    expect(serversForGoal(sl, 0.9, 0, 5)).toBeNull();
  });
});
