import type { ErrorCode } from './errors';

/** Failures are values with a code that survives the wire; rules never throw for a business refusal. */
export type Failure = { ok: false; error: { code: ErrorCode; message: string } };
export type Success<T> = { ok: true; data: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Failure => ({ ok: false, error: { code, message } });
