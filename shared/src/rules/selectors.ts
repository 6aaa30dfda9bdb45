import type { BranchConfig, CounterConfig, OpeningWindow, PriorityPolicy } from '../config/branch-config';
import type { CounterStatus, Ticket } from '../domain/ticket';
import type { QueueSummary } from '../protocol/views';
import { localClock, parseClockTime } from '../time/business-day';
import { callOrder, compareQueueKey, isEligible, isOverdue, isPriority, positionFromCounts, type Eligibility, type QueueCounts } from './call-order';
import type { WaitingLine } from './held-tickets-index';
import { counterStatusOf, currentBusinessDay, eligibleLines, findCounter, findService, newTicket, waitingEligible, waitingList } from './queue-state';
import type { QueueState } from './types';

/** Mean service time assumed for a service with no finished ticket yet in recent history. */
export const DEFAULT_SERVICE_SEC = 5 * 60;

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
  const eligible = tickets.filter((t) => t.businessDay === today && isEligible(t, at));
  const cycle = { priority: position.priorityCallsInCycle, normal: position.normalCallsInCycle };
  return callOrder(eligible, config.priorityPolicy, cycle, now).map((s) => s.ticket);
}

/**
 * How many would be called before this ticket (it need not be in the state yet: the kiosk asks for a new one).
 * Approximate by design: the tickets of its own queue (its leg's service, or the counter it was transferred
 * to) ahead of it in call order, from a fresh priority cycle; counters that serve several services and tickets
 * arriving later are not modelled.
 */
export function peopleAheadOf(state: QueueState, ticket: Ticket, now: number): number {
  if (ticket.state !== 'waiting') return 0;
  let at: Eligibility = { counterId: null, serviceIds: [ticket.legServiceId] };
  if (ticket.targetCounterId !== null) {
    const counter = findCounter(state.config, ticket.targetCounterId);
    at = { counterId: ticket.targetCounterId, serviceIds: counter?.serviceIds ?? [] };
  }
  const policy = state.config.priorityPolicy;
  return positionFromCounts(countsAround(eligibleLines(state, now, at), ticket, policy, now), ticket, policy, { priority: 0, normal: 0 }, now);
}

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

/** Mean of the recent service durations of a service, or DEFAULT_SERVICE_SEC without history. */
function meanServiceSec(state: QueueState, serviceId: string): number {
  const samples = state.recentServiceSec[serviceId] ?? [];
  if (samples.length === 0) return DEFAULT_SERVICE_SEC;
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/**
 * Minutes a customer with `ahead` people before them in this service should expect to wait:
 *   0 when nobody is ahead and an open counter serving the service is free;
 *   otherwise round((ahead + 1) × mean recent service time ÷ open counters serving the service),
 * where open means signed in and not paused, counted as at least 1 (someone will open one), and the mean
 * is over the last RECENT_SERVICE_SAMPLES finished tickets (DEFAULT_SERVICE_SEC without history).
 */
export function waitEstimateMin(state: QueueState, serviceId: string, ahead: number): number {
  const serving = state.config.counters.filter((c) => c.serviceIds.includes(serviceId));
  const open = serving.map((c) => counterStatusOf(state, c.id)).filter((s) => s.state === 'open');
  if (ahead === 0 && open.some((s) => s.activeTicketId === null)) return 0;
  const minutes = ((ahead + 1) * meanServiceSec(state, serviceId)) / 60 / Math.max(1, open.length);
  return Math.round(minutes);
}

/** What a normal ticket issued now in this service would be told to wait. */
export function estimateWaitMin(state: QueueState, serviceId: string, now: number): number {
  return waitEstimateMin(state, serviceId, peopleAheadOf(state, probeTicket(serviceId, now), now));
}

/** The current estimate for a waiting ticket (status page); 0 once called. */
export function ticketWaitEstimateMin(state: QueueState, ticketId: string, now: number): number {
  const ticket = state.tickets.get(ticketId);
  if (!ticket || ticket.state !== 'waiting') return 0;
  return waitEstimateMin(state, ticket.legServiceId, peopleAheadOf(state, ticket, now));
}

export function queueSummaries(state: QueueState, now: number): QueueSummary[] {
  // One pass over today's waiting tickets: per current leg's service, how many and since when (transferred to a
  // counter or not).
  const perService = new Map<string, { waiting: number; since: number }>();
  for (const t of waitingList(state, now)) {
    const seen = perService.get(t.legServiceId);
    if (seen) {
      seen.waiting++;
      seen.since = Math.min(seen.since, t.legStartedAt);
    } else perService.set(t.legServiceId, { waiting: 1, since: t.legStartedAt });
  }
  return state.config.services.map((service) => {
    const mine = perService.get(service.id);
    return {
      serviceId: service.id,
      waiting: mine?.waiting ?? 0,
      oldestWaitingSince: mine?.since ?? null,
      estimatedWaitMin: estimateWaitMin(state, service.id, now),
      open: isServiceOpen(state.config, service.id, now),
    };
  });
}

/** A normal ticket at the back of a service's queue, to ask the policy where a new arrival would stand. */
function probeTicket(serviceId: string, now: number): Ticket {
  return newTicket({
    id: '\uffff-probe',
    businessDay: '0000-00-00',
    serviceId,
    number: 1,
    displayNumber: '',
    language: 'en',
    priorityReasonId: null,
    issuedAt: now,
  });
}
