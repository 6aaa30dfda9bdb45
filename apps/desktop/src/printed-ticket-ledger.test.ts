import { describe, expect, it } from 'vitest';
import { createPrintedTicketLedger } from './printed-ticket-ledger';

describe('printed ticket ledger', () => {
  it('lets each ticket id be claimed once', () => {
    const ledger = createPrintedTicketLedger();
    expect(ledger.claim('ticket-a')).toBe(true);
    expect(ledger.claim('ticket-a')).toBe(false);
    expect(ledger.claim('ticket-b')).toBe(true);
  });

  it('gives a claim back only when released', () => {
    const ledger = createPrintedTicketLedger();
    ledger.claim('ticket-a');
    ledger.release('ticket-a');
    expect(ledger.claim('ticket-a')).toBe(true);
  });

  it('forgets the oldest ids past its capacity, and only those', () => {
    const ledger = createPrintedTicketLedger(3);
    for (const id of ['a', 'b', 'c', 'd']) ledger.claim(id);
    expect(ledger.claim('a')).toBe(true);
    expect(ledger.claim('c')).toBe(false);
    expect(ledger.claim('d')).toBe(false);
  });
});
