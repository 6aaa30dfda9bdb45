import { describe, expect, it } from 'vitest';
import { EventGuard, LeftGuards } from './event-guard';

const policy = { disconnectAfterRefusals: 5, refusalWindowMs: 1000 };
/** The same rate for every event and for commands: the tests of the refusal policy. */
const both = (rate: { burst: number; perSecond: number }) => ({ events: rate, commands: rate });

describe('EventGuard', () => {
  it('admits the burst, then refuses with a wait, and is exhausted past the refusals it allows', () => {
    const guard = new EventGuard(both({ burst: 2, perSecond: 10 }), policy, 0);
    expect([guard.admit(0, true), guard.admit(0, true)]).toEqual([0, 0]);
    const waits = Array.from({ length: 5 }, () => guard.admit(1, true));
    expect(waits.every((w) => w > 0 && w <= 100)).toBe(true);
    expect(guard.exhausted).toBe(false);
    guard.admit(1, true);
    expect(guard.exhausted).toBe(true);
  });

  it('never exhausts a client that waits as told', () => {
    const guard = new EventGuard(both({ burst: 1, perSecond: 2 }), policy, 0);
    let now = 0;
    for (let i = 0; i < 200; i++) {
      const wait = guard.admit(now, true);
      now += wait > 0 ? wait : 1;
    }
    expect(guard.exhausted).toBe(false);
  });

  it('counts refusals per window: a few now and then never add up', () => {
    const guard = new EventGuard(both({ burst: 1, perSecond: 1 }), policy, 0);
    for (let second = 0; second < 20; second++) {
      const now = second * 1500;
      guard.admit(now, true);
      for (let i = 0; i < 4; i++) guard.admit(now, true);
    }
    expect(guard.exhausted).toBe(false);
  });

  it('holds commands to their own smaller budget, while the events that are not commands go on to theirs', () => {
    const guard = new EventGuard({ events: { burst: 10, perSecond: 10 }, commands: { burst: 2, perSecond: 1 } }, policy, 0);
    expect([guard.admit(0, true), guard.admit(0, true)]).toEqual([0, 0]);
    const wait = guard.admit(0, true);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    // A snapshot request is not a command: still within the events' budget.
    expect(guard.admit(0, false)).toBe(0);
    // The refused command spent an event token too: 10 in all, 3 commands and 1 snapshot so far.
    expect(Array.from({ length: 6 }, () => guard.admit(0, false))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(guard.admit(0, false)).toBeGreaterThan(0);
    // A second later the command budget has one token again.
    expect(guard.admit(1000, true)).toBe(0);
  });
});

describe('LeftGuards', () => {
  const rates = both({ burst: 2, perSecond: 1 });

  it('gives a closed socket\'s spent guard to the next socket of its credential, once, and forgets it once settled', () => {
    const left = new LeftGuards();
    const spent = new EventGuard(rates, policy, 0);
    spent.admit(0, true);
    spent.admit(0, true);
    left.keep('token:a', spent, 0);
    expect(left.take('token:b', 0)).toBeUndefined();
    expect(left.take('token:a', 500)).toBe(spent);
    expect(left.take('token:a', 500)).toBeUndefined();
    // Two seconds later both tokens are back and nothing was refused: a new guard would be the same.
    left.keep('token:a', spent, 500);
    expect(left.take('token:a', 2000)).toBeUndefined();
  });

  it('keeps the more spent guard when two sockets of one credential close, whichever closes last', () => {
    for (const idleClosesLast of [true, false]) {
      const left = new LeftGuards();
      const flooding = new EventGuard(rates, policy, 0);
      for (let i = 0; i < 4; i++) flooding.admit(0, false); // two admitted, two refused
      const idle = new EventGuard(rates, policy, 0);
      idle.admit(0, false); // paid for its connection, nothing more
      const order = idleClosesLast ? [flooding, idle] : [idle, flooding];
      for (const guard of order) left.keep('token:a', guard, 100);
      expect(left.take('token:a', 100)).toBe(flooding);
    }
  });

  it('keeps nothing for a socket that spent nothing, and at most its bound of guards', () => {
    const left = new LeftGuards(3);
    left.keep('token:idle', new EventGuard(rates, policy, 0), 0);
    expect(left.size).toBe(0);
    for (let i = 0; i < 10; i++) {
      const guard = new EventGuard(rates, policy, 0);
      guard.admit(0, true);
      left.keep(`token:${i}`, guard, 0);
    }
    expect(left.size).toBeLessThanOrEqual(3);
    expect(left.take('token:9', 0)).toBeDefined();
  });
});
