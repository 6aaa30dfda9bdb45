import { describe, expect, it } from 'vitest';
import type { TransferPosition } from '../domain/ticket';
import { waitingTickets } from './selectors';
import { Branch } from './test-kit';

/** accounts has B001..B003 waiting; c2 (cash) serves A001, issued before them, and transfers it to accounts. */
function transferToAccounts(position: TransferPosition) {
  const b = new Branch().signIn('c2').signIn('c3');
  const a1 = b.issue('cash');
  b.advance(1);
  for (let i = 0; i < 3; i++, b.advance(1)) b.issue('accounts');
  expect(b.callNext('c2')).toBe('A001');
  b.advance(2);
  const events = b.must({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'service', serviceId: 'accounts' }, position });
  return { b, a1, events };
}

const orderAtC3 = (b: Branch) => waitingTickets(b.state, b.now, 'c3').map((t) => t.displayNumber);

describe('transfer to a service', () => {
  it('front: before every waiting ticket of the target queue', () => {
    const { b } = transferToAccounts('front');
    expect(orderAtC3(b)).toEqual(['A001', 'B001', 'B002', 'B003']);
  });

  it('back: behind every waiting ticket of the target queue', () => {
    const { b } = transferToAccounts('back');
    expect(orderAtC3(b)).toEqual(['B001', 'B002', 'B003', 'A001']);
  });

  it('arrival: by the original issue time', () => {
    const { b, a1 } = transferToAccounts('arrival');
    expect(b.state.tickets.get(a1.id)?.queueKey).toBe(a1.issuedAt);
    expect(orderAtC3(b)).toEqual(['A001', 'B001', 'B002', 'B003']);
    b.issue('accounts');
    expect(orderAtC3(b)).toEqual(['A001', 'B001', 'B002', 'B003', 'B004']);
  });

  it('arrival: between tickets issued before and after it', () => {
    const b = new Branch().signIn('c2');
    b.issue('accounts');
    b.advance(1);
    b.issue('cash');
    b.advance(1);
    b.issue('accounts');
    expect(b.callNext('c2')).toBe('A001');
    b.must({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'service', serviceId: 'accounts' }, position: 'arrival' });
    expect(orderAtC3(b)).toEqual(['B001', 'A001', 'B002']);
  });

  it('starts a new leg keeping id and number, frees the counter, and records the event', () => {
    const { b, a1, events } = transferToAccounts('back');
    expect(b.state.tickets.get(a1.id)).toMatchObject({
      id: a1.id,
      displayNumber: 'A001',
      state: 'waiting',
      leg: 2,
      serviceId: 'cash',
      legServiceId: 'accounts',
      legStartedAt: b.now,
      counterId: null,
      calledAt: null,
      targetCounterId: null,
    });
    expect(b.state.counters.c2?.activeTicketId).toBeNull();
    expect(events).toEqual([
      { type: 'ticket.transferred', at: b.now, ticketId: a1.id, counterId: 'c2', tellerId: 'teller-c2', toServiceId: 'accounts', toCounterId: null, position: 'back', queueKey: b.now },
    ]);
  });

  it('refuses an inactive or unknown service and changes nothing', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.callNext('c2');
    const before = b.state;
    expect(b.run({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'service', serviceId: 'x' }, position: 'back' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(b.state).toBe(before);
  });

  it('refuses without an active customer', () => {
    const b = new Branch().signIn('c2');
    expect(b.run({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'service', serviceId: 'accounts' }, position: 'back' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('transfer to a counter', () => {
  function sentToC3(position: TransferPosition) {
    const b = new Branch().signIn('c1').signIn('c2').signIn('c3');
    b.issue('cash');
    b.advance(1);
    b.issue('cash');
    b.issue('accounts');
    expect(b.callNext('c2')).toBe('A001');
    b.advance(1);
    b.must({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'counter', counterId: 'c3' }, position });
    return b;
  }

  it('is called only by that counter', () => {
    const b = sentToC3('front');
    const a1 = b.ticketByNumber('A001');
    expect(a1).toMatchObject({ targetCounterId: 'c3', legServiceId: 'cash', leg: 2 });
    expect(waitingTickets(b.state, b.now, 'c1').map((t) => t.displayNumber)).not.toContain('A001');
    expect(b.run({ type: 'callTicket', counterId: 'c1', tellerId: 'teller-c1', ticketId: a1.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(b.callNext('c1')).toBe('A002');
    expect(b.callNext('c3')).toBe('A001');
  });

  it('front goes before the counter’s other waiting tickets; back behind them', () => {
    expect(orderAtC3(sentToC3('front'))[0]).toBe('A001');
    expect(orderAtC3(sentToC3('back')).at(-1)).toBe('A001');
  });

  it('takes the counter’s first service when it does not serve the ticket’s', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.callNext('c2');
    b.must({ type: 'transfer', counterId: 'c2', tellerId: 'teller-c2', target: { kind: 'counter', counterId: 'c4' }, position: 'back' });
    expect(b.ticketByNumber('A001')).toMatchObject({ legServiceId: 'loans', targetCounterId: 'c4' });
  });
});
