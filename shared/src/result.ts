import type { ErrorCode } from './errors';

/**
 * Failures are values with a code that survives the wire; rules never throw for a business refusal.
 * `retryAfterMs` comes with `RATE_LIMITED`: how long to wait before the same request can succeed.
 */
export type Failure = { ok: false; error: { code: ErrorCode; message: string; retryAfterMs?: number } };
export type Success<T> = { ok: true; data: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, retryAfterMs?: number): Failure =>
  retryAfterMs === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, retryAfterMs } };
