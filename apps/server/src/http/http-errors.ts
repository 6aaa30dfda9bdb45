import type { Response } from 'express';
import { fail, type ErrorCode } from '@rinda/shared';
import type { z } from 'zod';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOT_FULL: 409,
  DEMO_ACCOUNT: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  WEAK_PASSWORD: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * HTTP errors have the same shape as socket acks: {ok: false, error: {code, message}}. With a retry hint
 * (RATE_LIMITED), the body carries `retryAfterMs` and the `Retry-After` header the same in whole seconds.
 */
export function sendError(res: Response, code: ErrorCode, message: string, retryAfterMs?: number): void {
  if (retryAfterMs !== undefined) res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  res.status(STATUS[code] ?? 422).json(fail(code, message, retryAfterMs));
}

/** A short, readable summary of what failed validation (never echoes the input itself). */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `Invalid request: ${parts.join('; ')}${more}`.slice(0, 300);
}
