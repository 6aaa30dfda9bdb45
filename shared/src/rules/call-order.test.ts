import { describe, expect, it } from 'vitest';
import { waitingTickets } from './selectors';
import { Branch, testConfig } from './test-kit';

/** c2 serves only cash: a clean single queue. */
function branchWith(normal: number, priority: number, ratio = { priority: 1, normal: 2 }) {
  const b = new Branch(testConfig((c) => void (c.priorityPolicy = { ...ratio, maxNormalWaitMin: 15 })));
  for (let i = 0; i < Math.max(normal, priority); i++) {
    if (i < normal) b.issue('cash');
    if (i < priority) b.issue('cash', 'senior');
    b.advance(0.01);
  }
  return b.signIn('c2');
}

function callAll(b: Branch, counterId = 'c2'): string[] {
  const calls: string[] = [];
  while (waitingTickets(b.state, b.now, counterId).length > 0) {
    const number = b.callNext(counterId);
    calls.push(b.ticketByNumber(number).priorityReasonId ? 'P' : 'N');
    b.finish(counterId);
  }
  return calls;
}

describe('callNext: priority policy', () => {
  it('follows a 1:2 ratio while both classes wait: P N N P N N', () => {
    expect(callAll(branchWith(6, 4)).join(' ')).toBe('P N N P N N P N N P');
  });

  it('follows a 2:1 ratio: P P N P P N', () => {
    expect(callAll(branchWith(3, 6, { priority: 2, normal: 1 })).join(' ')).toBe('P P N P P N P P N');
  });

  it('does not use up a class turn while that class is empty', () => {
    const b = branchWith(3, 0);
    expect(callAll(b).join(' ')).toBe('N N N');
    b.issue('cash', 'senior');
    b.issue('cash');
    b.issue('cash', 'senior');
    b.issue('cash');
    b.issue('cash');
    // Only normals waited before, so the cycle is fresh: a priority call comes first, then two normals.
    expect(callAll(b).join(' ')).toBe('P N N P N');
  });

  it('keeps the cycle position in the counter status and restarts it at sign-in', () => {
    const b = branchWith(3, 3);
    const cycle = () => [b.state.counters.c2?.priorityCallsInCycle, b.state.counters.c2?.normalCallsInCycle];
    b.callNext('c2');
    expect(cycle()).toEqual([1, 0]);
    b.finish('c2').callNext('c2');
    expect(cycle()).toEqual([1, 1]);
    b.finish('c2');
    b.must({ type: 'signOut', counterId: 'c2', tellerId: 'teller-c2' });
    b.signIn('c2');
    expect(cycle()).toEqual([0, 0]);
    expect(b.ticketByNumber(b.callNext('c2')).priorityReasonId).toBe('senior');
  });

  it('calls by longest wait within a class', () => {
    const b = branchWith(3, 0);
    expect([b.callNext('c2')]).toEqual(['A001']);
  });

  it('calls a normal ticket that waited past maxNormalWaitMin before any priority ticket', () => {
    const b = new Branch().signIn('c2');
    const old = b.issue('cash');
    b.advance(15);
    b.issue('cash', 'senior');
    b.issue('cash', 'pregnancy');
    expect(b.callNext('c2')).toBe(old.displayNumber);
  });

  it('puts the priority ticket first while the normal one is under the limit', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    b.advance(14.9);
    const p = b.issue('cash', 'senior');
    expect(b.callNext('c2')).toBe(p.displayNumber);
  });

  it('crosses services a counter serves by longest wait', () => {
    const b = new Branch().signIn('c1');
    b.issue('accounts');
    b.advance(1);
    b.issue('cash');
    expect([b.callNext('c1')]).toEqual(['B001']);
    b.finish('c1');
    expect([b.callNext('c1')]).toEqual(['A001']);
  });

  it('never calls a ticket of a service the counter does not serve', () => {
    const b = new Branch().signIn('c2');
    b.issue('accounts');
    expect(b.run({ type: 'callNext', counterId: 'c2', tellerId: 'teller-c2' })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
  });

  it('lists the waiting tickets for a counter in the order call next takes them', () => {
    const b = branchWith(4, 2);
    const listed = waitingTickets(b.state, b.now, 'c2').map((t) => t.displayNumber);
    const called: string[] = [];
    for (let i = 0; i < 6; i++) {
      called.push(b.callNext('c2'));
      b.finish('c2');
    }
    expect(called).toEqual(listed);
  });
});
