import { describe, expect, it } from 'vitest';
import { APPOINTMENT_NUMBER_BASE } from './appointments/numbering';
import { Branch, testConfig } from './test-kit';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('issue: numbering per service per business day', () => {
  it('numbers each service separately with its prefix', () => {
    const b = new Branch();
    expect([b.issue('cash'), b.issue('cash'), b.issue('accounts')].map((t) => t.displayNumber)).toEqual(['A001', 'A002', 'B001']);
  });

  it('continues across local midnight and restarts at dayStart (04:00 Riga)', () => {
    const b = new Branch(testConfig(), utc('2026-11-24T21:30')); // 23:30 local
    expect(b.issue('cash').displayNumber).toBe('A001');
    b.now = utc('2026-11-24T22:30'); // 00:30 local
    const afterMidnight = b.issue('cash');
    expect(afterMidnight).toMatchObject({ displayNumber: 'A002', businessDay: '2026-11-24' });
    b.now = utc('2026-11-25T02:00'); // 04:00 local
    expect(b.issue('cash')).toMatchObject({ displayNumber: 'A001', businessDay: '2026-11-25' });
    expect(b.state.lastNumbers).toEqual({ '2026-11-25|cash': 1 });
  });

  it('restarts exactly once through the spring-forward night, at the jump (29 March 2026)', () => {
    // 03:30 local does not exist that night: clocks jump from 03:00 EET to 04:00 EEST at 01:00 UTC.
    const b = new Branch(testConfig((c) => void (c.branch.dayStart = '03:30')), utc('2026-03-28T22:00'));
    const issued = [];
    for (let i = 0; i < 20; i++, b.advance(10)) issued.push(b.issue('cash'));
    expect(issued.filter((t) => t.number === 1).map((t) => [t.businessDay, t.issuedAt])).toEqual([
      ['2026-03-28', utc('2026-03-28T22:00')],
      ['2026-03-29', utc('2026-03-29T01:00')],
    ]);
  });

  it('restarts exactly once through the fall-back night and never reuses a number (25 October 2026)', () => {
    const b = new Branch(testConfig((c) => void (c.branch.dayStart = '03:30')), utc('2026-10-24T22:00'));
    const issued = [];
    for (let i = 0; i < 20; i++, b.advance(10)) issued.push(b.issue('cash'));
    const restarts = issued.filter((t) => t.number === 1).map((t) => t.businessDay);
    expect(restarts).toEqual(['2026-10-24', '2026-10-25']);
    const keys = issued.map((t) => `${t.businessDay}|${t.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    // 01:10 UTC is 03:10 EET, the repeated hour after the new day began at 03:30 EEST.
    expect(issued.find((t) => t.issuedAt === utc('2026-10-25T01:10'))?.businessDay).toBe('2026-10-25');
  });

  it('numbers above any ticket still held even when lastNumbers lacks the day', () => {
    const b = new Branch();
    const first = b.issue('cash');
    b.state = { ...b.state, lastNumbers: {} };
    expect(first.number).toBe(1);
    expect(b.issue('cash').displayNumber).toBe('A002');
  });

  it('fills the whole ticket: leg 1, queueKey = issuedAt, people ahead and the wait told', () => {
    const b = new Branch();
    b.issue('cash');
    const closed = b.issue('cash');
    // No counter serving cash is signed in: the customer is told so, not a number.
    expect(closed).toMatchObject({ estimatedWaitMin: null, estimatedWaitAtMostMin: null });
    b.signIn('c2');
    const t = b.issue('cash');
    expect(t).toMatchObject({
      state: 'waiting',
      leg: 1,
      legServiceId: 'cash',
      legStartedAt: b.now,
      queueKey: b.now,
      issuedAt: b.now,
      priorityReasonId: null,
      peopleAheadAtIssue: 2,
      targetCounterId: null,
      recallCount: 0,
    });
    expect(t.estimatedWaitMin).toBeGreaterThan(0);
    expect(t.estimatedWaitAtMostMin).toBeGreaterThanOrEqual(t.estimatedWaitMin!);
    expect(t.id.length).toBeGreaterThanOrEqual(16);
  });
});

describe('issue: refusals', () => {
  it('refuses a walk-in ticket past the last walk-in number with SERVICE_CLOSED, and changes nothing', () => {
    const b = new Branch();
    const first = b.issue('cash');
    const key = `${first.businessDay}|cash`;
    b.state.lastNumbers[key] = APPOINTMENT_NUMBER_BASE - 1; // as after 4,999 walk-in tickets of one service today
    expect(b.issue('cash').number).toBe(APPOINTMENT_NUMBER_BASE);
    const tickets = b.state.tickets.size;
    const r = b.run({ type: 'issue', serviceId: 'cash', language: 'lv', priorityReasonId: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    expect(b.state.tickets.size).toBe(tickets);
    expect(b.state.lastNumbers[key]).toBe(APPOINTMENT_NUMBER_BASE);
    expect(b.issue('accounts').displayNumber).toBe('B001');
  });

  it('refuses an inactive service with SERVICE_CLOSED', () => {
    const b = new Branch(testConfig((c) => void (c.services[0]!.active = false)));
    const r = b.run({ type: 'issue', serviceId: 'cash', language: 'lv', priorityReasonId: null });
    expect(r.ok ? null : r.error.code).toBe('SERVICE_CLOSED');
  });

  it('refuses outside opening hours in local time and accepts inside', () => {
    // loans: Mon–Fri 09:00–18:00 Riga. Wed 25 Nov 2026 06:59 UTC = 08:59 local.
    const b = new Branch(testConfig(), utc('2026-11-25T06:59'));
    const cmd = { type: 'issue', serviceId: 'loans', language: 'lv', priorityReasonId: null } as const;
    expect(b.run(cmd)).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    b.now = utc('2026-11-25T07:00');
    expect(b.run(cmd).ok).toBe(true);
    b.now = utc('2026-11-25T16:00'); // 18:00 local
    expect(b.run(cmd)).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
    b.now = utc('2026-11-28T10:00'); // Saturday
    expect(b.run(cmd)).toMatchObject({ ok: false, error: { code: 'SERVICE_CLOSED' } });
  });

  it('refuses a priority reason the service does not offer, and an unknown service', () => {
    const b = new Branch();
    expect(b.run({ type: 'issue', serviceId: 'business', language: 'en', priorityReasonId: 'senior' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(b.run({ type: 'issue', serviceId: 'nope', language: 'en', priorityReasonId: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(b.state.tickets.size).toBe(0);
  });
});
