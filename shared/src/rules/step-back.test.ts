import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peopleAhead } from './selectors';
import { Branch, testConfig } from './test-kit';

const withPlaces = (places: number) => testConfig((c) => void (c.stepBack = { places }));

/** A line of normal cash tickets, one a minute apart (distinct queue keys). */
function line(b: Branch, count: number) {
  const tickets = [];
  for (let i = 0; i < count; i++) {
    tickets.push(b.issue('cash'));
    b.advance(1);
  }
  return tickets;
}

describe('"I need more time": stepping back', () => {
  it('moves the ticket behind the next N tickets of its line, once per visit', () => {
    const b = new Branch(withPlaces(2)).signIn('c2');
    const [a, mine, c, d, e] = line(b, 5);
    const [event] = b.must({ type: 'stepBack', ticketId: mine!.id });
    expect(event).toMatchObject({ type: 'ticket.steppedBack', ticketId: mine!.id, places: 2, at: b.now });
    expect(b.state.tickets.get(mine!.id)?.steppedBackAt).toBe(b.now);
    expect([b.callNext('c2'), (b.finish('c2'), b.callNext('c2')), (b.finish('c2'), b.callNext('c2')), (b.finish('c2'), b.callNext('c2'))]).toEqual([
      a!.displayNumber,
      c!.displayNumber,
      d!.displayNumber,
      mine!.displayNumber,
    ]);
    expect(e).toBeDefined();
    b.finish('c2');
    const again = new Branch(withPlaces(2));
    const [x] = line(again, 3);
    again.must({ type: 'stepBack', ticketId: x!.id });
    expect(again.run({ type: 'stepBack', ticketId: x!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/already/) } });
  });

  it('goes behind all when fewer than N wait behind, and is refused with nobody behind; nothing changes', () => {
    const b = new Branch(withPlaces(5));
    const [first, last] = line(b, 2);
    const before = b.state;
    expect(b.run({ type: 'stepBack', ticketId: last!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/Nobody is behind/) } });
    expect(b.state).toBe(before);
    b.must({ type: 'stepBack', ticketId: first!.id });
    expect(peopleAhead(b.state, first!.id, b.now)).toBe(1);
  });

  it('is refused for a called ticket and a forged id', () => {
    const b = new Branch(withPlaces(2)).signIn('c2');
    const [called] = line(b, 3);
    b.callNext('c2');
    expect(b.run({ type: 'stepBack', ticketId: called!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(b.run({ type: 'stepBack', ticketId: 'forged-ticket-0000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('restarts the overdue clock: an overdue ticket that steps back does not jump ahead again at once', () => {
    // maxNormalWaitMin is 15 in the demo branch.
    const b = new Branch(withPlaces(1)).signIn('c2');
    const [mine, next] = line(b, 2);
    b.advance(20);
    b.must({ type: 'stepBack', ticketId: mine!.id });
    expect(b.callNext('c2')).toBe(next!.displayNumber);
  });

  it('with normal tickets in one line, adds exactly min(N, behind) people ahead, whoever steps back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.nat(11), (count, places, pick) => {
        const b = new Branch(withPlaces(places));
        const tickets = line(b, count);
        const mine = tickets[pick % count]!;
        const before = peopleAhead(b.state, mine.id, b.now);
        const behind = count - 1 - before;
        const result = b.run({ type: 'stepBack', ticketId: mine.id });
        if (behind === 0) expect(result.ok).toBe(false);
        else expect(peopleAhead(b.state, mine.id, b.now)).toBe(before + Math.min(places, behind));
      }),
    );
  });

  it('keeps priority and normal tickets apart: a priority ticket steps back among priority tickets only', () => {
    const b = new Branch(withPlaces(1));
    const p1 = b.issue('cash', 'senior');
    b.advance(1);
    b.issue('cash');
    b.advance(1);
    const p2 = b.issue('cash', 'senior');
    b.must({ type: 'stepBack', ticketId: p1.id });
    expect(b.state.tickets.get(p1.id)!.queueKey).toBeGreaterThan(p2.queueKey);
  });
});
