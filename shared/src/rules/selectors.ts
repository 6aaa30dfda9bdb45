import type { BranchConfig, CounterConfig, OpeningWindow, PriorityPolicy } from '../config/branch-config';
import { waitingDayOf, type CounterStatus, type Ticket } from '../domain/ticket';
import { localClock, parseClockTime } from '../time/business-day';
import { callOrder, compareQueueKey, isEligible, isOverdue, isPriority, positionFromCounts, type Eligibility, type QueueCounts } from './call-order';
import type { WaitingLine } from './held-tickets-index';
import { counterStatusOf, currentBusinessDay, eligibleLines, findCounter, findService, waitingEligible, waitingList } from './queue-state';
import type { QueueState } from './types';
import { isBookedTicket, mixedCallOrder } from './appointments/appointment-tickets';

/** Open for new tickets: active, and inside one of its opening windows (local time) when it has any. */
export function isServiceOpen(config: BranchConfig, serviceId: string, now: number): boolean {
  const service = findService(config, serviceId);
  if (!service || !service.active) return false;
  if (service.openingHours === null) return true;
  const clock = localClock(now, config.branch.timeZone);
  return service.openingHours.some((w) => insideWindow(w, clock.isoWeekday, clock.minutesOfDay));
}

/** A window whose `to` is not after `from` runs past midnight into the next day (22:00–02:00). */
function insideWindow(w: OpeningWindow, weekday: number, minutes: number): boolean {
  const from = parseClockTime(w.from);
  const to = parseClockTime(w.to);
  if (from < to) return w.days.includes(weekday) && minutes >= from && minutes < to;
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (w.days.includes(weekday) && minutes >= from) || (w.days.includes(yesterday) && minutes < to);
}

/**
 * Waiting tickets in call order. With a counter: exactly the order in which that counter's successive
 * "call next" would take them now (what the teller sees). Without: every waiting ticket, overdue first,
 * then by queueKey.
 */
export function waitingTickets(state: QueueState, now: number, counterId?: string): Ticket[] {
  const policy = state.config.priorityPolicy;
  if (counterId === undefined) {
    return waitingList(state, now).sort(
      (a, b) => Number(isOverdue(b, policy, now)) - Number(isOverdue(a, policy, now)) || compareQueueKey(a, b),
    );
  }
  const counter = findCounter(state.config, counterId);
  if (!counter) return [];
  const eligible = waitingEligible(state, now, { counterId, serviceIds: counter.serviceIds });
  return counterCallOrder(state.config, eligible, counter, counterStatusOf(state, counterId), now);
}

/**
 * The order in which a counter's successive "call next" would take today's waiting tickets, from any list of
 * tickets: the rules' state, or a teller's snapshot (which must show what call next will do).
 */
export function counterCallOrder(
  config: BranchConfig,
  tickets: readonly Ticket[],
  counter: CounterConfig,
  position: Pick<CounterStatus, 'priorityCallsInCycle' | 'normalCallsInCycle'>,
  now: number,
): Ticket[] {
  const today = currentBusinessDay(config, now);
  const at: Eligibility = { counterId: counter.id, serviceIds: counter.serviceIds };
  const eligible = tickets.filter((t) => waitingDayOf(t) === today && isEligible(t, at));
  const cycle = { priority: position.priorityCallsInCycle, normal: position.normalCallsInCycle };
  const booked = eligible.filter(isBookedTicket);
  if (booked.length === 0) return callOrder(eligible, config.priorityPolicy, cycle, now).map((s) => s.ticket);
  const walkIns = callOrder(eligible.filter((t) => !isBookedTicket(t)), config.priorityPolicy, cycle, now).map((s) => s.ticket);
  return mixedCallOrder(walkIns, booked, config.priorityPolicy.maxNormalWaitMin, now);
}

/**
 * How many would be called before this ticket (it need not be in the state yet: the kiosk asks for a new one).
 * Approximate by design: the tickets of its own queue (its leg's service, or the counter it was transferred
 * to) ahead of it in call order, from a fresh priority cycle; counters that serve several services and tickets
 * arriving later are not counted here (the wait estimate models both). `later` adds tickets of each class
 * arriving after it (any number, fractions too): the wait estimate asks how many of those the ratio would call first.
 */
export function peopleAheadOf(state: QueueState, ticket: Ticket, now: number, later: LaterArrivals = NONE_LATER): number {
  if (ticket.state !== 'waiting') return 0;
  let at: Eligibility = { counterId: null, serviceIds: [ticket.legServiceId] };
  if (ticket.targetCounterId !== null) {
    const counter = findCounter(state.config, ticket.targetCounterId);
    at = { counterId: ticket.targetCounterId, serviceIds: counter?.serviceIds ?? [] };
  }
  const policy = state.config.priorityPolicy;
  const counts = countsAround(eligibleLines(state, now, at), ticket, policy, now);
  counts.priority += later.priority;
  counts.normal += later.normal;
  return positionFromCounts(counts, ticket, policy, { priority: 0, normal: 0 }, now);
}

export interface LaterArrivals {
  priority: number;
  normal: number;
}
const NONE_LATER: LaterArrivals = { priority: 0, normal: 0 };

/**
 * The counts positionFromCounts needs, from the lines' sorted lists: a few binary searches per line, plus one
 * step per overdue ticket (those are counted apart, and the ticket itself is not one of the others).
 */
function countsAround(lines: readonly WaitingLine[], ticket: Ticket, policy: PriorityPolicy, now: number): QueueCounts {
  const counts: QueueCounts = { overdue: [], priority: 0, normal: 0, priorityBefore: 0, normalBefore: 0 };
  const setAside = (t: Ticket) => {
    const before = compareQueueKey(t, ticket) < 0 ? 1 : 0;
    if (isPriority(t)) {
      counts.priority--;
      counts.priorityBefore -= before;
    } else {
      counts.normal--;
      counts.normalBefore -= before;
    }
  };
  for (const line of lines) {
    counts.priority += line.count(true);
    counts.normal += line.count(false);
    counts.priorityBefore += line.countBefore(true, ticket);
    counts.normalBefore += line.countBefore(false, ticket);
    for (const t of line.overdue(policy, now)) {
      setAside(t);
      if (t.id !== ticket.id) counts.overdue.push(t);
    }
    const itself = line.get(ticket.id);
    if (itself && !isOverdue(itself, policy, now)) setAside(itself);
  }
  return counts;
}

export function peopleAhead(state: QueueState, ticketId: string, now: number): number {
  const ticket = state.tickets.get(ticketId);
  return ticket ? peopleAheadOf(state, ticket, now) : 0;
}
