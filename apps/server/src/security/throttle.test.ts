import { describe, expect, it } from 'vitest';
import { AttemptThrottle, PerAddressThrottle } from './throttle';

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

  it('stays bounded under a flood of distinct keys, evicting the least recently failed, never a key still failing', () => {
    let now = 0;
    const throttle = new AttemptThrottle({ ...options, maxKeys: 100 }, () => now);
    for (let i = 0; i < 4; i++) throttle.failed('attacker');
    for (let i = 0; i < 1000; i++) {
      now += 1;
      throttle.failed(`guess-${i}`);
      if (i % 50 === 0) throttle.failed('attacker');
    }
    expect(throttle.size).toBeLessThanOrEqual(100);
    expect(throttle.waitMs('attacker')).toBeGreaterThan(0);
    expect(throttle.waitMs('guess-0')).toBe(0);
  });

  it('keeps the default table at 10,000 keys', () => {
    const { throttle } = setup();
    for (let i = 0; i < 12_000; i++) throttle.failed(`guess-${i}`);
    expect(throttle.size).toBe(10_000);
  });
});

describe('PerAddressThrottle', () => {
  const perAddress = (clock: () => number) =>
    new PerAddressThrottle({ address: { ...options, freeAttempts: 20 }, userAtAddress: options }, clock);

  it('never throttles a username alone: failures at one address leave the same name free at another', () => {
    const throttle = perAddress(() => 0);
    for (let i = 0; i < 1000; i++) throttle.failed('manager', '10.0.0.9');
    expect(throttle.waitMs('manager', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.waitMs('Manager', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.waitMs('manager', '10.0.0.2')).toBe(0);
  });

  it('throttles one address guessing many names, and one name at one address before the address', () => {
    const throttle = perAddress(() => 0);
    for (let i = 0; i < 3; i++) throttle.failed('anna', '10.0.0.9');
    expect(throttle.waitMs('anna', '10.0.0.9')).toBe(0);
    throttle.failed('anna', '10.0.0.9');
    expect(throttle.waitMs('anna', '10.0.0.9')).toBe(1000);
    expect(throttle.waitMs('boris', '10.0.0.9')).toBe(0);
    for (let i = 0; i < 17; i++) throttle.failed(`user${i}`, '10.0.0.9');
    expect(throttle.waitMs('boris', '10.0.0.9')).toBe(1000);
  });
});
