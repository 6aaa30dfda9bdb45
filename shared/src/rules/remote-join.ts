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
