import { describe, expect, it } from 'vitest';
import { createFakeClock } from './test-support/fake-clock';
import { createRecoveryPolicy, RECOVERY_DEADLINE_MS, type RecoveryReason } from './recovery';

function setup(hangTimeoutMs = 5_000) {
  const clock = createFakeClock(1_000_000);
  const restarts: { reason: RecoveryReason; at: number }[] = [];
  const policy = createRecoveryPolicy({
    scheduler: clock.scheduler,
    now: clock.now,
    hangTimeoutMs,
    restart: (reason) => restarts.push({ reason, at: clock.now() }),
  });
  return { clock, policy, restarts };
}

describe('recovery policy', () => {
  it('brings a crashed renderer back to the start screen within 10 s, once', () => {
    const { clock, policy, restarts } = setup();
    const crashedAt = clock.now();
    policy.onRendererGone();
    clock.advance(RECOVERY_DEADLINE_MS);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]?.reason).toBe('crash');
    expect(restarts[0]!.at - crashedAt).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
    clock.advance(60_000);
    expect(restarts).toHaveLength(1);
  });

  it('backs off on a crash loop but never past 10 s', () => {
    const { clock, policy, restarts } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const crashedAt = clock.now();
      policy.onRendererGone();
      clock.advance(RECOVERY_DEADLINE_MS);
      expect(restarts).toHaveLength(i + 1);
      delays.push(restarts[i]!.at - crashedAt);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    // After a quiet minute the next crash is treated as a first one again.
    clock.advance(120_000);
    const crashedAt = clock.now();
    policy.onRendererGone();
    clock.advance(RECOVERY_DEADLINE_MS);
    expect(restarts.at(-1)!.at - crashedAt).toBe(delays[0]);
  });

  it('restarts a renderer that stays unresponsive for the hang timeout', () => {
    const { clock, policy, restarts } = setup(5_000);
    policy.onUnresponsive();
    clock.advance(4_999);
    expect(restarts).toEqual([]);
    clock.advance(1);
    expect(restarts).toEqual([{ reason: 'hang', at: clock.now() }]);
  });

  it('leaves a renderer alone that becomes responsive again in time', () => {
    const { clock, policy, restarts } = setup(5_000);
    policy.onUnresponsive();
    clock.advance(3_000);
    policy.onResponsive();
    clock.advance(60_000);
    expect(restarts).toEqual([]);
  });

  it('does not restart twice when the hung renderer it killed reports itself gone', () => {
    const { clock, policy, restarts } = setup(5_000);
    policy.onUnresponsive();
    clock.advance(5_000);
    policy.onRendererGone();
    clock.advance(60_000);
    expect(restarts.map((r) => r.reason)).toEqual(['hang']);
  });

  it('counts a crash during a hang once', () => {
    const { clock, policy, restarts } = setup(5_000);
    policy.onUnresponsive();
    clock.advance(2_000);
    policy.onRendererGone();
    clock.advance(60_000);
    expect(restarts.map((r) => r.reason)).toEqual(['crash']);
  });

  it('keeps retrying while the start screen cannot load', () => {
    const { clock, policy, restarts } = setup();
    for (let i = 0; i < 3; i++) {
      policy.onLoadFailed();
      clock.advance(RECOVERY_DEADLINE_MS);
    }
    expect(restarts.map((r) => r.reason)).toEqual(['load-failed', 'load-failed', 'load-failed']);
  });

  it('stops when the window closes', () => {
    const { clock, policy, restarts } = setup();
    policy.onRendererGone();
    policy.onUnresponsive();
    policy.dispose();
    policy.onRendererGone();
    clock.advance(60_000);
    expect(restarts).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('clamps a hang timeout to the 10 s promise', () => {
    const { clock, policy, restarts } = setup(30_000);
    policy.onUnresponsive();
    clock.advance(RECOVERY_DEADLINE_MS);
    expect(restarts.map((r) => r.reason)).toEqual(['hang']);
  });
});
