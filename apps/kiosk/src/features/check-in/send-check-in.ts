import { newRequestId, statusAddressTicketId, type CustomerLanguage } from '@rinda/shared';
import type { LiveConnection } from '../../connection/live-connection';

/**
 * What a check-in at the kiosk came to, each told by its own text (kiosk translations, `checkIn.<kind>`):
 * `notHere` is a scanned ticket this branch does not hold (taken at another branch, or a forged address),
 * `notFound` a typed code no waiting ticket has, `notNeeded` a ticket already confirmed (or taken at the kiosk, or
 * no longer waiting), `unreadable` a code the reader scanned that is no ticket at all.
 */
export type CheckInOutcome =
  | { kind: 'checkedIn'; number: string; language: CustomerLanguage }
  | { kind: 'notHere' | 'notFound' | 'notNeeded' | 'failed' | 'unreadable' };

/** Confirms the ticket a scanned status address or a typed arrival code names (`ticket:checkIn`). */
export async function sendCheckIn(connection: LiveConnection, code: string): Promise<CheckInOutcome> {
  try {
    const { result } = await connection.send('ticket:checkIn', { requestId: newRequestId(), code });
    if (result.ok) return { kind: 'checkedIn', number: result.data.ticket.displayNumber, language: result.data.ticket.language };
    if (result.error.code === 'NOT_FOUND') return { kind: statusAddressTicketId(code) === null ? 'notFound' : 'notHere' };
    if (result.error.code === 'INVALID_STATE') return { kind: 'notNeeded' };
    return { kind: 'failed' };
  } catch {
    // Connection lost mid-way: the kiosk's offline screen follows; the customer is told nothing happened.
    return { kind: 'failed' };
  }
}
