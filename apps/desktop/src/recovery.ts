/** Timers the policy uses; Node's in the shell, a fake clock in tests. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type RecoveryReason = 'crash' | 'hang' | 'load-failed';

export interface RecoveryOptions {
  scheduler: Scheduler;
  /** Bring the window back to the start screen. For a hang, main first kills the stuck renderer. */
  restart(reason: RecoveryReason): void;
  /** How long a renderer may be unresponsive before it is restarted (the config's hangReloadAfterSec). */
  hangTimeoutMs: number;
  /** Delay before the first restart after a crash: long enough not to spin, short for the customer. */
  crashDelayMs?: number;
  /** Repeated crashes back off, but never past this, so the screen is back within 10 s. */
  maxCrashDelayMs?: number;
  /** A crash this long after the previous restart counts as a fresh one (the back-off starts over). */
  crashStreakResetMs?: number;
  /** Retry interval while the server cannot be reached. */
  loadRetryMs?: number;
  now(): number;
}

/** The longest any restart may be scheduled: the promise is "back at the start screen within 10 s". */
export const RECOVERY_DEADLINE_MS = 10_000;

/**
 * When the renderer crashes, hangs or cannot load, schedule exactly one restart to the start screen.
 * It never replays what the page was doing: a reprint is impossible because the start screen issues nothing,
 * and the print bridge refuses an id it has already printed in any case.
 */
export function createRecoveryPolicy(options: RecoveryOptions) {
  const crashDelayMs = options.crashDelayMs ?? 1_000;
  const maxCrashDelayMs = Math.min(options.maxCrashDelayMs ?? 8_000, RECOVERY_DEADLINE_MS);
  const crashStreakResetMs = options.crashStreakResetMs ?? 60_000;
  const loadRetryMs = Math.min(options.loadRetryMs ?? 3_000, RECOVERY_DEADLINE_MS);
  const hangTimeoutMs = Math.min(options.hangTimeoutMs, RECOVERY_DEADLINE_MS);

  let pending: { handle: unknown; reason: RecoveryReason } | null = null;
  let hangTimer: unknown = null;
  let crashStreak = 0;
  let lastCrashAt = Number.NEGATIVE_INFINITY;
  let disposed = false;
  // A hang restart kills the stuck renderer; the render-process-gone that follows is ours, not a new crash.
  let killingHungRenderer = false;

  function schedule(reason: RecoveryReason, ms: number) {
    if (disposed || pending) return;
    const handle = options.scheduler.setTimeout(() => {
      pending = null;
      options.restart(reason);
    }, ms);
    pending = { handle, reason };
  }

  function cancelHangTimer() {
    if (hangTimer !== null) options.scheduler.clearTimeout(hangTimer);
    hangTimer = null;
  }

  return {
    /** render-process-gone: whatever the reason, the kiosk must show its start screen again. */
    onRendererGone() {
      cancelHangTimer();
      if (killingHungRenderer) {
        killingHungRenderer = false;
        return;
      }
      const now = options.now();
      crashStreak = now - lastCrashAt > crashStreakResetMs ? 1 : crashStreak + 1;
      lastCrashAt = now;
      schedule('crash', Math.min(crashDelayMs * 2 ** (crashStreak - 1), maxCrashDelayMs));
    },
    onUnresponsive() {
      if (disposed || hangTimer !== null || pending) return;
      hangTimer = options.scheduler.setTimeout(() => {
        hangTimer = null;
        if (disposed || pending) return;
        killingHungRenderer = true;
        options.restart('hang');
      }, hangTimeoutMs);
    },
    onResponsive() {
      cancelHangTimer();
    },
    /** did-fail-load of the main frame: the server may be down; keep trying. */
    onLoadFailed() {
      schedule('load-failed', loadRetryMs);
    },
    /** Stop everything: the window is closing or the app quits. */
    dispose() {
      disposed = true;
      cancelHangTimer();
      if (pending) options.scheduler.clearTimeout(pending.handle);
      pending = null;
    },
  };
}
export type RecoveryPolicy = ReturnType<typeof createRecoveryPolicy>;
