import { describe, expect, it } from 'vitest';
import { EventGuard } from './event-guard';

const policy = { disconnectAfterRefusals: 5, refusalWindowMs: 1000 };

describe('EventGuard', () => {
  it('admits the burst, then refuses with a wait, and is exhausted past the refusals it allows', () => {
    const guard = new EventGuard({ burst: 2, perSecond: 10 }, policy, 0);
    expect([guard.admit(0), guard.admit(0)]).toEqual([0, 0]);
    const waits = Array.from({ length: 5 }, () => guard.admit(1));
    expect(waits.every((w) => w > 0 && w <= 100)).toBe(true);
    expect(guard.exhausted).toBe(false);
    guard.admit(1);
    expect(guard.exhausted).toBe(true);
  });

  it('never exhausts a client that waits as told', () => {
    const guard = new EventGuard({ burst: 1, perSecond: 2 }, policy, 0);
    let now = 0;
    for (let i = 0; i < 200; i++) {
      const wait = guard.admit(now);
      now += wait > 0 ? wait : 1;
    }
    expect(guard.exhausted).toBe(false);
  });

  it('counts refusals per window: a few now and then never add up', () => {
    const guard = new EventGuard({ burst: 1, perSecond: 1 }, policy, 0);
    for (let second = 0; second < 20; second++) {
      const now = second * 1500;
      guard.admit(now);
      for (let i = 0; i < 4; i++) guard.admit(now);
    }
    expect(guard.exhausted).toBe(false);
  });
});
