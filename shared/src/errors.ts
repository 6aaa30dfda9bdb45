import { z } from 'zod';

/**
 * The closed set of error codes a client can receive. Anything else that goes wrong on the server
 * reaches a client as INTERNAL, with no detail.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed validation
  'UNAUTHENTICATED', // no or invalid credentials
  'FORBIDDEN', // authenticated, but this role/counter may not do this
  'PROTOCOL_MISMATCH', // client speaks another protocol version
  'NOT_FOUND', // ticket, service, counter, user or device does not exist
  'SERVICE_CLOSED', // service inactive or outside opening hours
  'QUEUE_EMPTY', // call next found nobody to call
  'COUNTER_BUSY', // counter already holds an active ticket
  'COUNTER_TAKEN', // another teller is signed in at this counter
  'COUNTER_CLOSED', // counter is not signed in, or paused
  'INVALID_STATE', // ticket is not in a state that allows this command
  'REACTIVATE_EXPIRED', // no-show older than the reactivation window
  'PRINTER_UNAVAILABLE', // printer offline, out of paper, or cover open: no number issued
  'SLOT_UNAVAILABLE', // an appointment slot that is past, on a holiday, outside the bookable hours or too far ahead
  'SLOT_FULL', // the appointment slot already holds its capacity
  'CHECK_IN_TOO_EARLY', // an appointment checked in before its check-in window opens
  'RATE_LIMITED', // too many attempts, requests or connections; the error's retryAfterMs says when to try again
  'CONFLICT', // concurrent change, or a requestId reused with another payload
  'DEMO_ACCOUNT', // a demo user or device (made by --demo), refused while the server runs without --demo
  'PASSWORD_CHANGE_REQUIRED', // the password was set by a manager: the session may only change it
  'WEAK_PASSWORD', // a new password shorter than 12 characters, or a common one
  'INTERNAL', // anything unexpected; details only in the server log
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What went wrong, in words, for a log line or an operator's message: a thrown value need not be an Error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
