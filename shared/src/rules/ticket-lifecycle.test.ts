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
  it('leaves tickets still waiting at day start behind: not called, not listed, dropped by the next day’s first ticket', () => {
    const b = new Branch(undefined, Date.parse('2026-11-25T17:00Z')).signIn('c2'); // 19:00 Riga
    const late = b.issue('cash');
    b.now = Date.parse('2026-11-26T06:00Z'); // 08:00 next day
    expect(b.run({ type: 'callNext', ...at('c2') })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    expect(b.run({ type: 'callTicket', ...at('c2'), ticketId: late.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const today = b.issue('cash');
    expect(today).toMatchObject({ displayNumber: 'A001', businessDay: '2026-11-26', peopleAheadAtIssue: 0 });
    expect(b.state.tickets.get(late.id)).toBeUndefined();
    expect(b.callNext('c2')).toBe('A001');
    expect(b.state.tickets.get(today.id)?.state).toBe('called');
  });
});
