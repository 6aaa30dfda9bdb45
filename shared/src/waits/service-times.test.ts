import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_SEC, serviceTimesOf } from './service-times';
import {
  COUNTER_MARKS,
  EMPTY_WAIT_HISTORY,
  GAP_SAMPLES,
  OCCUPANCY_SAMPLES,
  PAUSE_SAMPLES,
  PRIORITY_ARRIVALS,
  recordCall,
  recordIssue,
  recordPauseEnd,
  recordRelease,
  recordShift,
  type WaitHistory,
} from './wait-history';

const median = (d: { mu: number }) => Math.exp(d.mu);

function released(h: WaitHistory, serviceId: string, hour: number, sec: number[]): WaitHistory {
  return sec.reduce((acc, s, i) => recordRelease(acc, { counterId: 'c1', serviceId, callHour: hour, calledAt: i * 1e6, at: i * 1e6 + s * 1000 }), h);
}

describe('service times learned from history', () => {
  it('start from the default without history', () => {
    const times = serviceTimesOf(EMPTY_WAIT_HISTORY);
    const d = times.occupancy('cash', 10);
    expect(Math.exp(d.mu + (d.sigma * d.sigma) / 2)).toBeCloseTo(DEFAULT_SERVICE_SEC, 6);
  });

  it('keep an hour with enough samples close to its own, lean an hour with few on the service, and use the service for an hour without', () => {
    let h = released(EMPTY_WAIT_HISTORY, 'cash', 10, Array.from({ length: OCCUPANCY_SAMPLES }, (_, i) => 110 + (i % 3) * 10));
    h = released(h, 'cash', 14, [600, 600]);
    const times = serviceTimesOf(h);
    expect(median(times.occupancy('cash', 10))).toBeGreaterThan(115);
    expect(median(times.occupancy('cash', 10))).toBeLessThan(135);
    const afternoon = median(times.occupancy('cash', 14));
    const service = median(times.occupancy('cash', 9));
    expect(afternoon).toBeGreaterThan(service);
    expect(afternoon).toBeLessThan(600 / 2);
    // Another service without history leans on the branch: between the default and cash.
    expect(median(times.occupancy('loans', 10))).toBeLessThan(DEFAULT_SERVICE_SEC);
  });
});

describe('the history kept', () => {
  it('is bounded: each ring keeps its newest samples only', () => {
    let h = released(EMPTY_WAIT_HISTORY, 'cash', 10, Array.from({ length: 100 }, (_, i) => i + 1));
    for (let i = 0; i < 100; i++) {
      h = recordCall(h, { counterId: 'c1', openSince: 0, legStartedAt: 0, at: h.releasedAt.c1! + 1000 });
      h = recordPauseEnd(h, { counterId: 'c1', day: '2026-11-25', minute: 600, pausedSince: i, at: i + 60_000 });
      h = recordShift(h, { counterId: 'c1', day: '2026-11-25', minute: 480, kind: 'signIn' });
      h = recordIssue(h, { serviceId: 'cash', priority: true, at: i });
    }
    expect(h.occupancySec.cash?.[10]).toEqual(Array.from({ length: OCCUPANCY_SAMPLES }, (_, i) => 100 - OCCUPANCY_SAMPLES + 1 + i));
    expect(h.gapSec).toHaveLength(GAP_SAMPLES);
    expect(h.pauseSec).toHaveLength(PAUSE_SAMPLES);
    expect(h.counterMarks.c1).toHaveLength(COUNTER_MARKS);
    expect(h.priorityIssuedAt.cash).toHaveLength(PRIORITY_ARRIVALS);
  });

  it('keeps normal issues out: the usual kiosk ticket changes nothing here', () => {
    expect(recordIssue(EMPTY_WAIT_HISTORY, { serviceId: 'cash', priority: false, at: 1 })).toBe(EMPTY_WAIT_HISTORY);
  });

  it('counts a turnaround from the latest of release, reopening and arrival, and drops a teller away', () => {
    const h = recordRelease(EMPTY_WAIT_HISTORY, { counterId: 'c1', serviceId: 'cash', callHour: 10, calledAt: 0, at: 100_000 });
    expect(recordCall(h, { counterId: 'c1', openSince: 0, legStartedAt: 50_000, at: 112_000 }).gapSec).toEqual([12]);
    expect(recordCall(h, { counterId: 'c1', openSince: 0, legStartedAt: 110_000, at: 112_000 }).gapSec).toEqual([2]);
    expect(recordCall(h, { counterId: 'c1', openSince: 105_000, legStartedAt: 0, at: 112_000 }).gapSec).toEqual([7]);
    expect(recordCall(h, { counterId: 'c1', openSince: 0, legStartedAt: 0, at: 100_000 + 11 * 60_000 }).gapSec).toEqual([]);
  });
});
