import { describe, expect, it } from 'vitest';
import { Branch, testConfig } from './test-kit';

const at = (counterId: string) => ({ counterId, tellerId: `teller-${counterId}` });

describe('call, recall, start, finish', () => {
  it('walks a ticket through called → serving → done and frees the counter', () => {
    const b = new Branch().signIn('c2');
    const t = b.issue('cash');
    b.advance(2);
    b.callNext('c2');
    expect(b.state.tickets.get(t.id)).toMatchObject({ state: 'called', counterId: 'c2', tellerId: 'teller-c2', calledAt: b.now });
    expect(b.state.counters.c2?.activeTicketId).toBe(t.id);
    b.advance(1);
    b.must({ type: 'start', ...at('c2') });
    expect(b.state.tickets.get(t.id)).toMatchObject({ state: 'serving', serviceStartedAt: b.now });
    b.advance(4);
    const [finished] = b.must({ type: 'finish', ...at('c2') });
    expect(finished).toEqual({ type: 'ticket.finished', at: b.now, ...at('c2'), ticketId: t.id });
    expect(b.state.tickets.get(t.id)).toBeUndefined();
    expect(b.state.counters.c2?.activeTicketId).toBeNull();
    // The counter was held from the call to the finish: 5 min, learned for the call's local hour (10:00 in Riga).
    expect(b.state.waitHistory.occupancySec.cash).toEqual({ 10: [300] });
  });

  it('recall increments the recall count and emits ticket.recalled', () => {
    const b = new Branch().signIn('c2');
    const t = b.issue('cash');
    b.callNext('c2');
    expect(b.must({ type: 'recall', ...at('c2') })).toEqual([{ type: 'ticket.recalled', at: b.now, ...at('c2'), ticketId: t.id, recallCount: 1 }]);
    b.must({ type: 'recall', ...at('c2') });
    expect(b.state.tickets.get(t.id)?.recallCount).toBe(2);
  });

  it('recall and no-show refuse a ticket already being served', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.callNext('c2');
    b.must({ type: 'start', ...at('c2') });
    expect(b.run({ type: 'recall', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.run({ type: 'noShow', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.run({ type: 'start', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('finishes straight from called (counters without a separate start)', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.callNext('c2');
    b.advance(3);
    b.finish('c2');
    expect(b.state.waitHistory.occupancySec.cash).toEqual({ 10: [180] });
  });

  it('refuses a second call while the counter holds a ticket (COUNTER_BUSY)', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.issue('cash');
    b.callNext('c2');
    expect(b.run({ type: 'callNext', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'COUNTER_BUSY' } });
  });

  it('calls a specific waiting ticket, skipping the order, without moving the priority cycle', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    const second = b.issue('cash');
    const events = b.must({ type: 'callTicket', ...at('c2'), ticketId: second.id });
    expect(events).toEqual([{ type: 'ticket.called', at: b.now, ...at('c2'), ticketId: second.id, specific: true }]);
    expect(b.state.counters.c2).toMatchObject({ priorityCallsInCycle: 0, normalCallsInCycle: 0 });
  });

  it('refuses calling a ticket that is not waiting, or unknown', () => {
    const b = new Branch().signIn('c1').signIn('c2');
    const t = b.issue('cash');
    b.callNext('c1');
    expect(b.run({ type: 'callTicket', ...at('c2'), ticketId: t.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.run({ type: 'callTicket', ...at('c2'), ticketId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('no-show and reactivation', () => {
  /** A001 called at c2 and marked no-show. */
  function missed() {
    const b = new Branch().signIn('c2');
    const t = b.issue('cash');
    b.callNext('c2');
    b.must({ type: 'noShow', ...at('c2') });
    return { b, t };
  }

  it('marks a called ticket no-show on the teller’s click and keeps it while reactivatable', () => {
    const { b, t } = missed();
    expect(b.state.tickets.get(t.id)).toMatchObject({ state: 'no_show', endedAt: b.now });
    expect(b.state.counters.c2?.activeTicketId).toBeNull();
  });

  it('reactivates inside the window to the front of its queue', () => {
    const b = new Branch().signIn('c2');
    const t = b.issue('cash');
    b.advance(1);
    b.issue('cash');
    b.issue('cash');
    b.callNext('c2');
    b.must({ type: 'noShow', ...at('c2') });
    b.advance(15); // exactly the 15-minute window
    b.must({ type: 'reactivate', ...at('c2'), ticketId: t.id });
    expect(b.state.tickets.get(t.id)).toMatchObject({ state: 'waiting', endedAt: null, counterId: null, recallCount: 0 });
    expect(b.callNext('c2')).toBe('A001');
  });

  it('refuses after the window with REACTIVATE_EXPIRED', () => {
    const { b, t } = missed();
    b.advance(15.01);
    expect(b.run({ type: 'reactivate', ...at('c2'), ticketId: t.id })).toMatchObject({ ok: false, error: { code: 'REACTIVATE_EXPIRED' } });
  });

  it('drops expired no-shows from the state on the next event', () => {
    const { b, t } = missed();
    b.advance(16);
    b.issue('cash');
    expect(b.state.tickets.get(t.id)).toBeUndefined();
  });

  it('refuses reactivating a ticket that is not a no-show', () => {
    const b = new Branch().signIn('c2');
    const t = b.issue('cash');
    expect(b.run({ type: 'reactivate', ...at('c2'), ticketId: t.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('marks the called ticket no-show by itself when calling again after maxRecalls recalls', () => {
    const b = new Branch(testConfig((c) => void (c.noShow.maxRecalls = 2))).signIn('c2');
    const first = b.issue('cash');
    const second = b.issue('cash');
    b.callNext('c2');
    b.must({ type: 'recall', ...at('c2') });
    expect(b.run({ type: 'callNext', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'COUNTER_BUSY' } });
    b.must({ type: 'recall', ...at('c2') });
    const events = b.must({ type: 'callNext', ...at('c2') });
    expect(events.map((e) => e.type)).toEqual(['ticket.noShow', 'ticket.called']);
    expect(b.state.tickets.get(first.id)?.state).toBe('no_show');
    expect(b.state.tickets.get(second.id)?.state).toBe('called');
  });
});

describe('cancel', () => {
  it('cancels a waiting ticket and refuses an active one', () => {
    const b = new Branch().signIn('c2');
    const t1 = b.issue('cash');
    const t2 = b.issue('cash');
    b.callNext('c2');
    expect(b.run({ type: 'cancel', ticketId: t1.id, byUserId: 'm1' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.must({ type: 'cancel', ticketId: t2.id, byUserId: null })).toEqual([{ type: 'ticket.cancelled', at: b.now, ticketId: t2.id, byUserId: null }]);
    expect(b.state.tickets.get(t2.id)).toBeUndefined();
  });
});

describe('the end of a business day', () => {
  // Riga is UTC+2 in November; the business day starts at 04:00 local (02:00 UTC).
  const dayEnd = Date.parse('2026-11-26T02:00Z');

  it('never calls a ticket left waiting from yesterday, and closes it as of the day end with reason dayEnded', () => {
    const b = new Branch(undefined, Date.parse('2026-11-25T17:00Z')).signIn('c2'); // 19:00 Riga
    const late = b.issue('cash');
    b.now = Date.parse('2026-11-26T06:00Z'); // 08:00 next day
    expect(b.run({ type: 'callNext', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    expect(b.run({ type: 'callTicket', ...at('c2'), ticketId: late.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([{ type: 'ticket.cancelled', at: dayEnd, ticketId: late.id, byUserId: null, reason: 'dayEnded' }]);
    expect(b.state.tickets.get(late.id)).toBeUndefined();
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([]);
    const today = b.issue('cash');
    expect(today).toMatchObject({ displayNumber: 'A001', businessDay: '2026-11-26', peopleAheadAtIssue: 0 });
    expect(b.callNext('c2')).toBe('A001');
  });

  it("keeps yesterday's waiting ticket until the day boundary closes it, so staff can still cancel it", () => {
    const b = new Branch(undefined, Date.parse('2026-11-25T17:00Z'));
    const late = b.issue('cash');
    b.now = Date.parse('2026-11-26T06:00Z');
    b.issue('cash'); // today's first ticket no longer drops it unrecorded
    expect(b.state.tickets.get(late.id)?.state).toBe('waiting');
    expect(b.must({ type: 'cancel', ticketId: late.id, byUserId: 'm1' })).toEqual([{ type: 'ticket.cancelled', at: b.now, ticketId: late.id, byUserId: 'm1' }]);
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([]);
  });

  it('closes nothing of today, and nothing a counter holds', () => {
    const b = new Branch(undefined, Date.parse('2026-11-25T17:00Z')).signIn('c2');
    b.issue('cash');
    b.callNext('c2');
    b.now = Date.parse('2026-11-26T06:00Z');
    const today = b.issue('cash');
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([]);
    expect(b.state.tickets.get(today.id)?.state).toBe('waiting');
    expect(b.state.counters.c2?.activeTicketId).not.toBeNull();
  });

  it('lets a ticket called before the day start and transferred after it be called today, and never closes it', () => {
    const b = new Branch(undefined, Date.parse('2026-11-26T01:50Z')).signIn('c2').signIn('c1'); // 03:50 Riga, yesterday's business day
    const early = b.issue('cash');
    expect(early.businessDay).toBe('2026-11-25');
    b.callNext('c2');
    b.now = Date.parse('2026-11-26T02:05Z'); // 04:05: a new business day
    b.must({ type: 'transfer', ...at('c2'), target: { kind: 'service', serviceId: 'accounts' }, position: 'back' });
    expect(b.state.tickets.get(early.id)).toMatchObject({ state: 'waiting', businessDay: '2026-11-25', legBusinessDay: '2026-11-26' });
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([]);
    expect(b.callNext('c1')).toBe(early.displayNumber);
  });

  it('lets a customer transferred after the day start who missed the call be reactivated today', () => {
    const b = new Branch(undefined, Date.parse('2026-11-26T01:50Z')).signIn('c2').signIn('c4');
    const early = b.issue('cash');
    b.callNext('c2');
    b.now = Date.parse('2026-11-26T02:05Z');
    b.must({ type: 'transfer', ...at('c2'), target: { kind: 'service', serviceId: 'loans' }, position: 'back' });
    b.callNext('c4');
    b.advance(2).must({ type: 'noShow', ...at('c4') });
    expect(b.advance(1).must({ type: 'reactivate', ...at('c4'), ticketId: early.id })).toMatchObject([{ type: 'ticket.reactivated', ticketId: early.id }]);
    expect(b.callNext('c4')).toBe(early.displayNumber);
  });

  it('lets a counter call a ticket transferred to it across the day start by its id', () => {
    const b = new Branch(undefined, Date.parse('2026-11-26T01:50Z')).signIn('c2').signIn('c4');
    const early = b.issue('cash');
    b.callNext('c2');
    b.now = Date.parse('2026-11-26T02:05Z');
    b.must({ type: 'transfer', ...at('c2'), target: { kind: 'counter', counterId: 'c4' }, position: 'front' });
    expect(b.must({ type: 'callTicket', ...at('c4'), ticketId: early.id })).toMatchObject([{ type: 'ticket.called', ticketId: early.id }]);
  });

  it('closes a ticket transferred yesterday and still waiting at the end of the day the transfer happened on', () => {
    const b = new Branch(undefined, Date.parse('2026-11-25T15:00Z')).signIn('c2');
    const t = b.issue('cash');
    b.callNext('c2');
    b.advance(5);
    b.must({ type: 'transfer', ...at('c2'), target: { kind: 'service', serviceId: 'loans' }, position: 'back' });
    b.now = Date.parse('2026-11-27T09:00Z'); // two days later: timed at the end of the leg's own day, not now
    expect(b.must({ type: 'closeEarlierDays' })).toEqual([{ type: 'ticket.cancelled', at: dayEnd, ticketId: t.id, byUserId: null, reason: 'dayEnded' }]);
  });
});
