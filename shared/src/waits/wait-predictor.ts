import type { Ticket } from '../domain/ticket';
import type { WaitRange } from '../domain/wait-range';
import { isPriority } from '../rules/call-order';
import { counterStatusOf, newTicket } from '../rules/queue-state';
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

/**
 * The latest boards, by the ticket table version they were built for: a memo (reading it never changes an
 * answer) holding only the few states in use (the server's current one, and a test's or back-test's branches).
 * Tables are held weakly (see WaitBoard's Basis).
 */
const BOARDS_KEPT = 4;
const boards: { tickets: WeakRef<TicketTable>; board: WaitBoard }[] = [];

function knownBoard(tickets: TicketTable): WaitBoard | undefined {
  return boards.find((b) => b.tickets.deref() === tickets)?.board;
}

function keepBoard(tickets: TicketTable, board: WaitBoard): void {
  const i = boards.findIndex((b) => b.tickets.deref() === tickets);
  if (i >= 0) boards.splice(i, 1);
  boards.unshift({ tickets: new WeakRef(tickets), board });
  if (boards.length > BOARDS_KEPT) boards.pop();
}

/** Recent priority arrivals give their rate over this window. */
const ARRIVAL_WINDOW_MS = 90 * 60_000;
const Z90 = normalQuantile(0.9);

/**
 * What a broadcast of queue summaries may reuse: the latest board of the same configuration, built this recently,
 * though the queue has moved since (the summaries go out several times a second while a busy branch calls; each
 * would otherwise build a board). A ticket's own estimate never does.
 */
const SUMMARY_REUSE_MS = 1000;

function boardFor(state: QueueState, now: number, reuse = false): WaitBoard {
  const known = knownBoard(state.tickets);
  if (known?.fits(state, now)) return known;
  const latest = boards[0]?.board;
  if (reuse && latest?.recentFor(state, now, SUMMARY_REUSE_MS)) return latest;
  const built = WaitBoard.build(state, now);
  keepBoard(state.tickets, built);
  return built;
}

/**
 * A priority ticket about to be issued is played out with the others (it goes ahead of normal ones, and normal
 * ones that will have waited too long go ahead of it): the board of the state with it added, kept for the
 * state that issuing it then makes.
 */
let withNewPriority: { before: WeakRef<TicketTable>; ticketId: string; board: WaitBoard } | null = null;

/**
 * After applyEvent issued a ticket: the next state's board without building one. A normal ticket joins the back
 * of its line (the board of the state before, with it appended); a priority ticket's board was built with it.
 * A kiosk's next ticket then costs a lookup, not a new board.
 */
export function carryWaitBoard(before: QueueState, after: QueueState, ticket: Ticket): void {
  if (after.config !== before.config || after.counters !== before.counters || ticket.targetCounterId !== null) return;
  if (isPriority(ticket)) {
    const known = withNewPriority;
    withNewPriority = null;
    if (known?.before.deref() === before.tickets && known.ticketId === ticket.id && known.board.fitsApartFromTickets(before, ticket.issuedAt))
      keepBoard(after.tickets, known.board.rebased(after.tickets, after.waitHistory));
    return;
  }
  const board = knownBoard(before.tickets);
  if (!board?.fits(before, ticket.issuedAt) || after.waitHistory !== before.waitHistory) return;
  keepBoard(after.tickets, board.withAppended(ticket, after.tickets));
}

/**
 * The range a waiting ticket (or one about to be issued: it need not be in the state) is told now; null when no
 * signed-in counter can call it. `ahead` is its people ahead, when the caller already has it.
 */
export function predictWait(state: QueueState, ticket: Ticket, now: number, ahead = peopleAheadOf(state, ticket, now), reuse = false): WaitRange | null {
  if (ticket.state !== 'waiting' || !someCounterCanCall(state, ticket)) return null;
  const serviceId = ticket.legServiceId;
  if (isPriority(ticket) && !state.tickets.has(ticket.id)) {
    const tickets = state.tickets.with(ticket);
    const board = WaitBoard.build({ ...state, tickets }, now);
    withNewPriority = { before: new WeakRef(state.tickets), ticketId: ticket.id, board };
    const times = board.callTimesOf(ticket.id) ?? board.atPosition(serviceId, ahead);
    return times && toMinutes(times, now);
  }
  const board = boardFor(state, now, reuse);
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

/**
 * What a ticket issued now in this service would be told. `forBroadcast`: for the queue summaries broadcast to
 * every screen, which may answer from a board up to a second old (SUMMARY_REUSE_MS); "no counter open" is always
 * now's.
 */
export function predictNewTicketWait(state: QueueState, serviceId: string, priority: boolean, now: number, forBroadcast = false): WaitRange | null {
  const probe = probeTicket(serviceId, priority, now);
  return predictWait(state, probe, now, peopleAheadOf(state, probe, now), forBroadcast && !priority);
}

/** What a ticket already waiting is told now (its status page); null once called, or with no counter to call it. */
export function predictTicketWait(state: QueueState, ticketId: string, now: number): WaitRange | null {
  const ticket = state.tickets.get(ticketId);
  return ticket ? predictWait(state, ticket, now) : null;
}

/** A signed-in counter (open or paused) could call this ticket: the one it was sent to, or one serving its service. */
function someCounterCanCall(state: QueueState, ticket: Ticket): boolean {
  const signedIn = (counterId: string) => counterStatusOf(state, counterId).state !== 'closed';
  if (ticket.targetCounterId !== null) return signedIn(ticket.targetCounterId);
  return state.config.counters.some((c) => c.serviceIds.includes(ticket.legServiceId) && signedIn(c.id));
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
