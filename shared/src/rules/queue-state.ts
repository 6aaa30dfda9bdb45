import type { BranchConfig, CounterConfig, ServiceConfig } from '../config/branch-config';
import type { CounterStatus, Ticket, TicketChannel } from '../domain/ticket';
import type { Eligibility } from './call-order';
import type { WaitingLine, WaitingQueue } from './held-tickets-index';
import type { CustomerLanguage } from '../languages';
import { businessDayOf } from '../time/business-day';
import { EMPTY_WAIT_HISTORY } from '../waits/wait-history';
import { TicketTable } from './ticket-table';
import type { QueueState } from './types';

/** A fresh state for a branch with nothing issued and every counter closed. */
export function createQueueState(config: BranchConfig): QueueState {
  return { config, tickets: TicketTable.empty(), counters: {}, lastNumbers: {}, waitHistory: EMPTY_WAIT_HISTORY };
}

export function lastNumberKey(businessDay: string, serviceId: string): string {
  return `${businessDay}|${serviceId}`;
}

/** A counter nobody has signed in to since the state was built is closed. */
export function counterStatusOf(state: QueueState, counterId: string): CounterStatus {
  return (
    state.counters[counterId] ?? {
      counterId,
      state: 'closed',
      tellerId: null,
      pauseReasonId: null,
      since: 0,
      activeTicketId: null,
      priorityCallsInCycle: 0,
      normalCallsInCycle: 0,
    }
  );
}

export function findService(config: BranchConfig, serviceId: string): ServiceConfig | undefined {
  return config.services.find((s) => s.id === serviceId);
}

export function findCounter(config: BranchConfig, counterId: string): CounterConfig | undefined {
  return config.counters.find((c) => c.id === counterId);
}

/** A ticket's state as refusal messages write it ("no-show"). */
export function stateLabel(ticket: Ticket): string {
  return ticket.state.replace('_', '-');
}

export function currentBusinessDay(config: BranchConfig, now: number): string {
  return businessDayOf(now, config.branch.timeZone, config.branch.dayStart);
}

/**
 * Tickets waiting in today's queues. A ticket still waiting when the business day its leg waits on ended is
 * never called the next morning (the customer has gone home): the day boundary closes it (day-boundary.ts).
 */
export function waitingList(state: QueueState, now: number): Ticket[] {
  return state.tickets.index().waitingOn(currentBusinessDay(state.config, now));
}

/**
 * Today's waiting tickets eligible at a counter or in a service's queue: the same as filtering waitingList by
 * isEligible, read from the index of queues (transferred to the counter, and each service it serves).
 */
export function waitingEligible(state: QueueState, now: number, at: Eligibility): Ticket[] {
  return eligibleLines(state, now, at).flatMap((line) => line.values());
}

/** The lines of today's waiting tickets eligible at a counter or in a service's queue (see waitingEligible). */
export function eligibleLines(state: QueueState, now: number, at: Eligibility): WaitingLine[] {
  const today = currentBusinessDay(state.config, now);
  const index = state.tickets.index();
  const queues: WaitingQueue[] = [...new Set(at.serviceIds)].map((serviceId) => ({ serviceId }));
  if (at.counterId !== null) queues.push({ counterId: at.counterId });
  return queues.map((q) => index.lineOf(today, q)).filter((line) => line !== undefined);
}

/** A ticket waiting for the first call of its current leg: just issued, transferred, or reactivated. */
export const NOT_YET_CALLED = {
  state: 'waiting',
  counterId: null,
  tellerId: null,
  calledAt: null,
  serviceStartedAt: null,
  recallCount: 0,
  endedAt: null,
} as const satisfies Partial<Ticket>;

export interface NewTicket {
  id: string;
  businessDay: string;
  serviceId: string;
  number: number;
  displayNumber: string;
  language: CustomerLanguage;
  priorityReasonId: string | null;
  issuedAt: number;
  /** The kiosk unless said otherwise. */
  channel?: TicketChannel;
}

/**
 * A freshly issued ticket, first leg, queued by its arrival time. Every field written out, not `...fields` and the
 * rest added: on Node 20's V8 each property added to a spread's copy costs about half a microsecond (the copy's
 * hidden class is made anew each time), 14 µs a ticket here against 0.1 µs (docs/BENCHMARKS.md, tenth round).
 */
export function newTicket(fields: NewTicket): Ticket {
  return {
    id: fields.id,
    businessDay: fields.businessDay,
    serviceId: fields.serviceId,
    number: fields.number,
    displayNumber: fields.displayNumber,
    language: fields.language,
    priorityReasonId: fields.priorityReasonId,
    issuedAt: fields.issuedAt,
    channel: fields.channel ?? 'kiosk',
    state: NOT_YET_CALLED.state,
    counterId: NOT_YET_CALLED.counterId,
    tellerId: NOT_YET_CALLED.tellerId,
    calledAt: NOT_YET_CALLED.calledAt,
    serviceStartedAt: NOT_YET_CALLED.serviceStartedAt,
    recallCount: NOT_YET_CALLED.recallCount,
    endedAt: NOT_YET_CALLED.endedAt,
    estimatedWaitMin: null,
    estimatedWaitAtMostMin: null,
    peopleAheadAtIssue: 0,
    leg: 1,
    legServiceId: fields.serviceId,
    legStartedAt: fields.issuedAt,
    queueKey: fields.issuedAt,
    targetCounterId: null,
    confirmedAt: null,
    steppedBackAt: null,
  };
}
