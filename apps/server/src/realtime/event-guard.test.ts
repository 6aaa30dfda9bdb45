import { describe, expect, it } from 'vitest';
import { EventGuard } from './event-guard';

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
