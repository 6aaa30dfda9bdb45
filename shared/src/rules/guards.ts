import type { CounterConfig } from '../config/branch-config';
import type { CounterStatus, Ticket, TicketState } from '../domain/ticket';
import { fail, ok, type Result } from '../result';
import { counterStatusOf, findCounter } from './queue-state';
import type { QueueState } from './types';

export interface ActingCounter {
  counter: CounterConfig;
  status: CounterStatus;
}

/**
 * Every counter command is made by the teller signed in at that counter: a closed counter refuses with
 * COUNTER_CLOSED, a counter held by someone else with FORBIDDEN.
 */
export function actingAt(state: QueueState, counterId: string, tellerId: string): Result<ActingCounter> {
  const counter = findCounter(state.config, counterId);
  if (!counter) return fail('NOT_FOUND', `There is no counter "${counterId}".`);
  const status = counterStatusOf(state, counterId);
  if (status.state === 'closed' || status.tellerId === null)
    return fail('COUNTER_CLOSED', `${counter.name} is closed: sign in to it first.`);
  if (status.tellerId !== tellerId)
    return fail('FORBIDDEN', `${counter.name} is signed in by another teller; only they can act at it.`);
  return ok({ counter, status });
}

/** Calls need a counter that is open (not paused) and free. */
export function readyToCall(at: ActingCounter): Result<ActingCounter> {
  if (at.status.state === 'paused') return fail('COUNTER_CLOSED', `${at.counter.name} is paused: resume before calling.`);
  if (at.status.activeTicketId !== null)
    return fail('COUNTER_BUSY', `${at.counter.name} already has a customer: finish, transfer or mark no-show first.`);
  return ok(at);
}

/** The ticket the counter is handling, when it is in one of the `allowed` states. */
export function activeTicketIn(state: QueueState, at: ActingCounter, allowed: readonly TicketState[], action: string): Result<Ticket> {
  const id = at.status.activeTicketId;
  const ticket = id === null ? undefined : state.tickets.get(id);
  if (!ticket) return fail('INVALID_STATE', `${at.counter.name} has no customer to ${action}.`);
  if (!allowed.includes(ticket.state))
    return fail('INVALID_STATE', `Cannot ${action} ${ticket.displayNumber}: it is ${ticket.state.replace('_', '-')}.`);
  return ok(ticket);
}
