import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from './throttle';

const options = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 };

function setup() {
  let now = 0;
  const throttle = new AttemptThrottle(options, () => now);
  return { throttle, advance: (ms: number) => void (now += ms) };
}

describe('AttemptThrottle', () => {
  it('lets the free attempts through, then doubles the wait up to the cap', () => {
    const { throttle, advance } = setup();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      throttle.failed('anna');
      waits.push(throttle.waitMs('anna'));
      advance(waits.at(-1)!);
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  it('keeps keys apart, and a success clears its key', () => {
    const { throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.failed('anna');
    expect(throttle.waitMs('anna')).toBe(1000);
    expect(throttle.waitMs('boris')).toBe(0);
    expect(throttle.waitMsAny(['boris', 'anna'])).toBe(1000);
    throttle.succeeded('anna');
    expect(throttle.waitMs('anna')).toBe(0);
  });

  it('forgets failures after a quiet period', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 3; i++) throttle.failed('anna');
    advance(60_001);
    throttle.failed('anna');
    expect(throttle.waitMs('anna')).toBe(0);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const { throttle } = setup();
    for (let i = 0; i < 12_000; i++) throttle.failed(`guess-${i}`);
    expect((throttle as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(10_000);
  });
});
