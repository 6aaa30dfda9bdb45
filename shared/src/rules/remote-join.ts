import type { BranchConfig } from '../config/branch-config';
import type { Ticket } from '../domain/ticket';
import { fail, ok, type Result } from '../result';
import { findService, waitingList } from './queue-state';
import { isServiceOpen } from './selectors';
import type { QueueState } from './types';

/**
 * May a phone outside the branch take a ticket in this service now? The branch's own limits (remoteJoin): the
 * service offers it, it does not close within the cut-off, and fewer than the maximum remote tickets wait in it.
 * The kiosk's rules (opening hours, priority reasons, numbering) still apply after this, in decideIssue.
 */
export function mayJoinRemotely(state: QueueState, serviceId: string, now: number): Result<null> {
  const { config } = state;
  const settings = config.remoteJoin;
  const service = findService(config, serviceId);
  if (!service) return fail('NOT_FOUND', `There is no service "${serviceId}".`);
  if (!settings.serviceIds.includes(service.id)) return fail('FORBIDDEN', `${service.names.en} cannot be joined from outside the branch.`);
  if (!isServiceOpen(config, service.id, now))
    return fail('SERVICE_CLOSED', `${service.names.en} is not taking tickets now (inactive or outside its opening hours).`);
  if (!isServiceOpen(config, service.id, now + settings.cutoffMinBeforeClose * 60_000))
    return fail('SERVICE_CLOSED', `${service.names.en} closes within ${settings.cutoffMinBeforeClose} min: please take a ticket at the branch.`);
  if (remoteWaiting(state, service.id, now) >= settings.maxWaitingPerService)
    return fail('SERVICE_CLOSED', `${service.names.en} has ${settings.maxWaitingPerService} remote tickets waiting, its most: please take a ticket at the branch.`);
  return ok(null);
}

/** Remote tickets of today waiting for their first call in a service (the ones the maximum counts). */
export function remoteWaiting(state: QueueState, serviceId: string, now: number): number {
  return waitingList(state, now).filter((t) => t.channel === 'remote' && t.serviceId === serviceId).length;
}

/** A remote ticket whose customer has not said "I'm here" (nor been reactivated at a counter). */
export function isUnconfirmedRemote(ticket: Ticket): boolean {
  return ticket.channel === 'remote' && ticket.confirmedAt === null;
}

/**
 * How many recalls a called ticket is owed before the counter's next call marks it no-show by itself
 * (the no-show rules, noShow.maxRecalls). An unconfirmed remote ticket is owed none: nobody said they were here,
 * so the counter is not kept waiting; the customer can still be reactivated within the window like anyone.
 */
export function recallsOwed(config: BranchConfig, ticket: Ticket): number {
  return isUnconfirmedRemote(ticket) ? 0 : config.noShow.maxRecalls;
}

/** Digits in a remote ticket's arrival code, the one a customer types at the kiosk when the QR will not scan. */
export const ARRIVAL_CODE_DIGITS = 6;

/**
 * The code a remote ticket's status page shows for checking in at the kiosk: digits drawn from the ticket's id
 * (FNV-1a), which only its phone knows. Guessing one names a ticket about once in a million tries per ticket.
 */
export function arrivalCode(ticketId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ticketId.length; i++) hash = Math.imul(hash ^ ticketId.charCodeAt(i), 0x01000193) >>> 0;
  return String(hash % 10 ** ARRIVAL_CODE_DIGITS).padStart(ARRIVAL_CODE_DIGITS, '0');
}

const STATUS_ADDRESS = /\/t\/([A-Za-z0-9_-]{8,64})(?:[/?#]|$)/;

/** The ticket a status page's address names (what the phone's check-in QR holds), or null for any other text. */
export function statusAddressTicketId(text: string): string | null {
  return STATUS_ADDRESS.exec(text)?.[1] ?? null;
}

/**
 * The ticket a kiosk check-in names: its status page's address (the QR the phone shows, read by the kiosk's
 * scanner) or its arrival code. Only remote tickets still waiting or called are looked up by code; a code two
 * of them share names neither (the customer scans instead, or asks staff). Null when nothing matches.
 */
export function ticketForCheckIn(state: QueueState, code: string): string | null {
  const address = statusAddressTicketId(code);
  if (address) return address;
  const digits = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${ARRIVAL_CODE_DIGITS}}$`).test(digits)) return null;
  const matches = state.tickets
    .values()
    .filter((t) => t.channel === 'remote' && (t.state === 'waiting' || t.state === 'called') && arrivalCode(t.id) === digits);
  return matches.length === 1 ? matches[0]!.id : null;
}
