import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_SEC, estimateWaitMin, isServiceOpen, peopleAhead, queueSummaries, ticketWaitEstimateMin, waitingTickets } from './selectors';
import { Branch, testConfig } from './test-kit';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('isServiceOpen', () => {
  it('follows opening windows in the branch time zone, including one past midnight', () => {
    const config = testConfig((c) => void (c.services[1]!.openingHours = [{ days: [5], from: '22:00', to: '02:00' }]));
    expect(isServiceOpen(config, 'accounts', utc('2026-11-27T19:59'))).toBe(false); // Fri 21:59 Riga
    expect(isServiceOpen(config, 'accounts', utc('2026-11-27T20:00'))).toBe(true); // Fri 22:00
    expect(isServiceOpen(config, 'accounts', utc('2026-11-27T23:59'))).toBe(true); // Sat 01:59
    expect(isServiceOpen(config, 'accounts', utc('2026-11-28T00:00'))).toBe(false); // Sat 02:00
    expect(isServiceOpen(config, 'cash', utc('2026-11-28T00:00'))).toBe(true); // no hours: always
    expect(isServiceOpen(config, 'nope', utc('2026-11-28T00:00'))).toBe(false);
  });
});

describe('wait estimate', () => {
  it('uses the default service time without history, divided by open counters', () => {
    const b = new Branch();
    for (let i = 0; i < 3; i++) b.issue('cash');
    // Nobody open: (3 + 1) × 5 min ÷ 1.
    expect(estimateWaitMin(b.state, 'cash', b.now)).toBe(((3 + 1) * DEFAULT_SERVICE_SEC) / 60);
    b.signIn('c1').signIn('c2');
    // Two open counters serve cash: (3 + 1) × 5 ÷ 2.
    expect(estimateWaitMin(b.state, 'cash', b.now)).toBe(10);
  });

  it('uses the mean of recent service times, rounded to whole minutes', () => {
    const b = new Branch().signIn('c2');
    for (const minutes of [2, 3]) {
      b.issue('cash');
      b.callNext('c2');
      b.advance(minutes);
      b.finish('c2');
    }
    b.issue('cash');
    b.callNext('c2');
    b.issue('cash');
    // One ahead, mean 2.5 min, one open counter (busy): (1 + 1) × 2.5 = 5.
    expect(estimateWaitMin(b.state, 'cash', b.now)).toBe(5);
    expect(ticketWaitEstimateMin(b.state, b.ticketByNumber('A004').id, b.now)).toBe(3); // (0 + 1) × 2.5 → 3
  });

  it('is zero when nobody is ahead and an open counter is free', () => {
    const b = new Branch().signIn('c2');
    expect(estimateWaitMin(b.state, 'cash', b.now)).toBe(0);
    expect(b.issue('cash')).toMatchObject({ peopleAheadAtIssue: 0, estimatedWaitMin: 0 });
  });

  it('keeps only the most recent 20 service times', () => {
    const b = new Branch().signIn('c2');
    for (let i = 0; i < 25; i++) {
      b.issue('cash');
      b.callNext('c2');
      b.advance(1);
      b.finish('c2');
    }
    expect(b.state.recentServiceSec.cash).toHaveLength(20);
  });
});

describe('people ahead', () => {
  it('counts those the policy calls first in the same queue, priority included', () => {
    const b = new Branch();
    const n1 = b.issue('cash');
    const n2 = b.issue('cash');
    const p1 = b.issue('cash', 'senior');
    b.issue('accounts');
    // 1:2 from a fresh cycle: P1, N1, N2.
    expect([peopleAhead(b.state, p1.id, b.now), peopleAhead(b.state, n1.id, b.now), peopleAhead(b.state, n2.id, b.now)]).toEqual([0, 1, 2]);
    expect(p1.peopleAheadAtIssue).toBe(0);
    expect(n2.peopleAheadAtIssue).toBe(1);
  });
});

describe('queueSummaries', () => {
  it('gives every service its waiting count, oldest wait, estimate and open flag', () => {
    const b = new Branch(testConfig(), utc('2026-11-28T10:00')); // Saturday: loans closed
    b.issue('cash');
    b.advance(3);
    b.issue('cash');
    const summaries = queueSummaries(b.state, b.now);
    expect(summaries.map((s) => s.serviceId)).toEqual(['cash', 'accounts', 'loans', 'business']);
    expect(summaries[0]).toEqual({ serviceId: 'cash', waiting: 2, oldestWaitingSince: utc('2026-11-28T10:00'), estimatedWaitMin: 15, open: true });
    expect(summaries[1]).toEqual({ serviceId: 'accounts', waiting: 0, oldestWaitingSince: null, estimatedWaitMin: 5, open: true });
    expect(summaries[2]?.open).toBe(false);
  });
});

describe('waitingTickets', () => {
  it('lists every waiting ticket, overdue first, without a counter', () => {
    const b = new Branch();
    b.issue('accounts');
    b.advance(16);
    b.issue('cash', 'senior');
    expect(waitingTickets(b.state, b.now).map((t) => t.displayNumber)).toEqual(['B001', 'A001']);
  });
});
