import { describe, expect, it } from 'vitest';
import { queueSummaries } from './queue-summaries';
import { isServiceOpen, peopleAhead, waitingTickets } from './selectors';
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
  it('gives every service its waiting count, oldest wait, wait range and open flag', () => {
    const b = new Branch(testConfig(), utc('2026-11-28T10:00')); // Saturday: loans closed
    b.issue('cash');
    b.advance(3);
    b.issue('cash');
    b.signIn('c1');
    const summaries = queueSummaries(b.state, b.now);
    expect(summaries.map((s) => s.serviceId)).toEqual(['cash', 'accounts', 'loans', 'business']);
    expect(summaries[0]).toMatchObject({ serviceId: 'cash', waiting: 2, oldestWaitingSince: utc('2026-11-28T10:00'), open: true });
    // c1 serves cash and accounts: a number for both; loans and business have no counter signed in.
    expect(summaries[0]?.wait?.typicalMin).toBeGreaterThan(0);
    expect(summaries[1]).toMatchObject({ serviceId: 'accounts', waiting: 0, oldestWaitingSince: null, open: true });
    expect(summaries[1]?.wait).not.toBeNull();
    expect(summaries[2]).toMatchObject({ open: false, wait: null });
    expect(summaries[3]).toMatchObject({ open: true, wait: null });
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
