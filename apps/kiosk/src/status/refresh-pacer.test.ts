import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshPacer } from './refresh-pacer';

describe('status page refresh pacing', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('asks at most once per interval while the queue keeps moving, and never drops the last change', () => {
    const refresh = vi.fn();
    const pacer = new RefreshPacer(refresh, 5000, () => Date.now());
    pacer.soon();
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(250);
      pacer.soon();
    }
    // 10 s of changes four times a second: one request at 0, one at 5 s and one at 10 s …
    expect(refresh).toHaveBeenCalledTimes(3);
    // … and the change that came with the last one is asked about when the next interval ends, then nothing more.
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(4);
  });

  it("asks at once when the page's own ticket changed, and starts the interval again", () => {
    const refresh = vi.fn();
    const pacer = new RefreshPacer(refresh, 5000, () => Date.now());
    pacer.soon();
    vi.advanceTimersByTime(1000);
    pacer.soon();
    pacer.askNow();
    expect(refresh).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(4500);
    expect(refresh).toHaveBeenCalledTimes(2);
    pacer.soon();
    vi.advanceTimersByTime(500);
    expect(refresh).toHaveBeenCalledTimes(3);
  });
});
