import type { Ticket } from '../domain/ticket';
import type { WaitRange } from '../domain/wait-range';
import { isPriority } from '../rules/call-order';
import { newTicket } from '../rules/queue-state';
import { isServiceOpen, peopleAheadOf } from '../rules/selectors';
import type { TicketTable } from '../rules/ticket-table';
import type { QueueState } from '../rules/types';
import { normalQuantile } from './distributions';
import { WaitBoard, type CallTimes } from './wait-board';

/**
 * THE WAIT ESTIMATE (the one place it is decided; the kiosk, the ticket, the status page and the queue summaries
 * all use it). A customer is told a range: the typical wait (median) and an "at most" (90th percentile), from the
 * branch's near future played out by WaitBoard, at the ticket's place in the call order, or told that no counter
 * serving the service is signed in (null) instead of a number.
 *
 * A normal ticket is also overtaken by priority tickets arriving while it waits, as far as the priority ratio lets
 * them: their recent arrival rate times the wait gives how many more priority tickets the ratio would call first.
 * (Priority tickets are not moved back by normal arrivals: the ratio already counts the normal tickets waiting,
 * and normal arrivals fill priority's turns only when few wait, when waits are short anyway.)
 */

/** Boards by the ticket table version they were built for (a memo: reading it never changes an answer). */
const boards = new WeakMap<TicketTable, WaitBoard>();

/** Recent priority arrivals give their rate over this window. */
const ARRIVAL_WINDOW_MS = 90 * 60_000;
const Z90 = normalQuantile(0.9);

function boardFor(state: QueueState, now: number): WaitBoard {
  const known = boards.get(state.tickets);
  if (known?.fits(state, now)) return known;
  const built = WaitBoard.build(state, now);
  boards.set(state.tickets, built);
  return built;
}

/**
 * After applyEvent issued a ticket: when the state before it had a board and the ticket only joined the back of
 * a line (a normal ticket: nothing else changed), the next state's board is that one with the ticket appended.
 * A kiosk's next ticket then costs a lookup, not a new board.
 */
export function carryWaitBoard(before: QueueState, after: QueueState, ticket: Ticket): void {
  const board = boards.get(before.tickets);
  if (!board?.fits(before, ticket.issuedAt) || isPriority(ticket) || ticket.targetCounterId !== null) return;
  if (after.config !== before.config || after.counters !== before.counters || after.waitHistory !== before.waitHistory) return;
  boards.set(after.tickets, board.withAppended(ticket, after.tickets));
}

/**
 * The range a waiting ticket (or one about to be issued: it need not be in the state) is told now; null when no
 * signed-in counter can call it. `ahead` is its people ahead, when the caller already has it.
 */
export function predictWait(state: QueueState, ticket: Ticket, now: number, ahead = peopleAheadOf(state, ticket, now)): WaitRange | null {
  if (ticket.state !== 'waiting') return null;
  const board = boardFor(state, now);
  const serviceId = ticket.legServiceId;
  if (ticket.targetCounterId !== null ? !board.isSignedIn(ticket.targetCounterId) : !board.serves(serviceId)) return null;
  const own = board.callTimesOf(ticket.id);
  const atPlace = board.atPosition(serviceId, ahead);
  if (!atPlace) return own ? toMinutes(own, now) : null;
  const base = own ?? atPlace;
  if (isPriority(ticket) || ticket.targetCounterId !== null) return toMinutes(base, now);

  // Priority tickets still to come, as many as the ratio lets go first within the typical wait (more for "at most").
  const rate = priorityArrivalRate(state, serviceId, now);
  if (rate === 0) return toMinutes(base, now);
  const expected = rate * Math.max(0, base.p50 - now);
  const later = (arrivals: number) => peopleAheadOf(state, ticket, now, { priority: arrivals, normal: 0 }) - ahead;
  const shifted = (extra: number): CallTimes => board.atPosition(serviceId, ahead + extra)!;
  const typical = shifted(later(expected));
  const atMost = shifted(later(expected + Z90 * Math.sqrt(expected)));
  return toMinutes({ p50: base.p50 + typical.p50 - atPlace.p50, p90: base.p90 + atMost.p90 - atPlace.p90 }, now);
}

/** What a ticket issued now in this service would be told. */
export function predictNewTicketWait(state: QueueState, serviceId: string, priority: boolean, now: number): WaitRange | null {
  return predictWait(state, probeTicket(serviceId, priority, now), now);
}

/** What a ticket already waiting is told now (its status page); null once called, or with no counter to call it. */
export function predictTicketWait(state: QueueState, ticketId: string, now: number): WaitRange | null {
  const ticket = state.tickets.get(ticketId);
  return ticket ? predictWait(state, ticket, now) : null;
}

/**
 * Priority tickets per ms lately: those of the last ARRIVAL_WINDOW_MS, or when all those kept are that recent,
 * over the span they cover. Zero outside the service's opening hours (no one arrives).
 */
function priorityArrivalRate(state: QueueState, serviceId: string, now: number): number {
  const issued = state.waitHistory.priorityIssuedAt[serviceId] ?? [];
  if (issued.length === 0 || !isServiceOpen(state.config, serviceId, now)) return 0;
  const recent = issued.filter((at) => at > now - ARRIVAL_WINDOW_MS && at <= now);
  const oldest = recent[0];
  if (recent.length === issued.length && oldest !== undefined && recent.length > 1 && now > oldest) return (recent.length - 1) / (now - oldest);
  return recent.length / ARRIVAL_WINDOW_MS;
}

/**
 * Minutes from now, as the customer reads them: the typical wait rounded, the "at most" rounded up (a promise is
 * not made tighter by rounding) and never below the typical.
 */
function toMinutes(times: CallTimes, now: number): WaitRange {
  const typicalMin = Math.round(Math.max(0, times.p50 - now) / 60_000);
  const atMostMin = Math.max(typicalMin, Math.ceil(Math.max(0, times.p90 - now) / 60_000 - 1e-9));
  return { typicalMin, atMostMin };
}

/** A ticket at the back of a service's queue, to ask where a new arrival would stand. */
function probeTicket(serviceId: string, priority: boolean, now: number): Ticket {
  return newTicket({
    id: '\uffff-probe',
    businessDay: '0000-00-00',
    serviceId,
    number: 1,
    displayNumber: '',
    language: 'en',
    priorityReasonId: priority ? '\uffff-probe-reason' : null,
    issuedAt: now,
  });
}
