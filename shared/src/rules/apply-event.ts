import type { DomainEvent } from '../domain/events';
import type { CounterStatus, Ticket } from '../domain/ticket';
import { localHour } from '../time/business-day';
import { recordCall, recordIssue, recordPauseEnd, recordRelease, recordShift, routineMoment } from '../waits/wait-history';
import { carryWaitBoard } from '../waits/wait-predictor';
import { isPriority } from './call-order';
import { counterStatusOf, currentBusinessDay, NOT_YET_CALLED } from './queue-state';
import { seriesKey } from './appointments/numbering';
import type { ApplyEvent, QueueState } from './types';

/**
 * Advances the state by one committed event, exactly as `decide` assumed. Returns a new state (inputs are not
 * mutated: the ticket table is persistent, see TicketTable). Keeps the state small: ended tickets leave it,
 * except no-shows while they can be reactivated; last numbers are kept for the newest business day only;
 * the wait estimate's history in bounded rings (waits/wait-history.ts).
 */
export const applyEvent: ApplyEvent = (state, event) => pruneNoShows(reduce(state, event), event.at);

function reduce(state: QueueState, e: DomainEvent): QueueState {
  switch (e.type) {
    case 'ticket.issued': {
      const key = seriesKey(e.ticket.businessDay, e.ticket.serviceId, e.ticket.number);
      const lastNumbers: Record<string, number> = {};
      for (const [k, n] of Object.entries(state.lastNumbers)) if (k.slice(0, 10) >= e.ticket.businessDay) lastNumbers[k] = n;
      lastNumbers[key] = Math.max(lastNumbers[key] ?? 0, e.ticket.number);
      const waitHistory = recordIssue(state.waitHistory, { serviceId: e.ticket.serviceId, priority: isPriority(e.ticket), at: e.at });
      const after = { ...state, tickets: state.tickets.with(e.ticket), lastNumbers, waitHistory };
      carryWaitBoard(state, after, e.ticket);
      return after;
    }
    case 'ticket.called': {
      const before = state.tickets.get(e.ticketId);
      const counter = counterStatusOf(state, e.counterId);
      const waitHistory = before
        ? recordCall(state.waitHistory, { counterId: e.counterId, openSince: counter.since, legStartedAt: before.legStartedAt, at: e.at })
        : state.waitHistory;
      const s = withTicket({ ...state, waitHistory }, e.ticketId, (t) => ({
        ...t,
        state: 'called',
        counterId: e.counterId,
        tellerId: e.tellerId,
        calledAt: e.at,
        serviceStartedAt: null,
      }));
      return withCounter(s, e.counterId, (c) => ({
        ...c,
        activeTicketId: e.ticketId,
        ...(e.cycle ? { priorityCallsInCycle: e.cycle.priority, normalCallsInCycle: e.cycle.normal } : {}),
      }));
    }
    case 'ticket.recalled':
      return withTicket(state, e.ticketId, (t) => ({ ...t, recallCount: e.recallCount }));
    case 'ticket.serviceStarted':
      return withTicket(state, e.ticketId, (t) => ({ ...t, state: 'serving', serviceStartedAt: e.at }));
    case 'ticket.finished':
      return releaseCounter(removeTicket(released(state, e.ticketId, e.counterId, e.at), e.ticketId), e.counterId, e.ticketId);
    case 'ticket.noShow': {
      const s = withTicket(released(state, e.ticketId, e.counterId, e.at), e.ticketId, (t) => ({ ...t, state: 'no_show', endedAt: e.at }));
      return releaseCounter(s, e.counterId, e.ticketId);
    }
    case 'ticket.reactivated':
      // A new round of calls: recalls count again from zero (see the automatic no-show in call next). A remote
      // customer reactivated at a counter is there: confirmed.
      return withTicket(state, e.ticketId, (t) => ({ ...t, ...NOT_YET_CALLED, queueKey: e.queueKey, confirmedAt: t.confirmedAt ?? e.at }));
    case 'ticket.steppedBack':
      return withTicket(state, e.ticketId, (t) => ({ ...t, queueKey: e.queueKey, steppedBackAt: e.at }));
    case 'ticket.confirmed':
      return withTicket(state, e.ticketId, (t) => ({ ...t, confirmedAt: e.at }));
    case 'ticket.transferred': {
      const s = withTicket(e.counterId === null ? state : released(state, e.ticketId, e.counterId, e.at), e.ticketId, (t) => ({
        ...t,
        ...NOT_YET_CALLED,
        leg: t.leg + 1,
        legServiceId: e.toServiceId,
        legStartedAt: e.at,
        legBusinessDay: currentBusinessDay(state.config, e.at),
        queueKey: e.queueKey,
        targetCounterId: e.toCounterId,
      }));
      return e.counterId === null ? s : releaseCounter(s, e.counterId, e.ticketId);
    }
    case 'ticket.cancelled':
      return removeTicket(state, e.ticketId);
    case 'counter.signedIn':
      return withCounter(shiftMarked(state, e.counterId, 'signIn', e.at), e.counterId, (c) => ({
        ...c,
        state: 'open',
        tellerId: e.tellerId,
        pauseReasonId: null,
        since: e.at,
        activeTicketId: null,
        priorityCallsInCycle: 0,
        normalCallsInCycle: 0,
      }));
    case 'counter.paused':
      return withCounter(state, e.counterId, (c) => ({ ...c, state: 'paused', pauseReasonId: e.reasonId, since: e.at }));
    case 'counter.resumed': {
      const paused = counterStatusOf(state, e.counterId);
      const waitHistory =
        paused.state === 'paused'
          ? recordPauseEnd(state.waitHistory, { counterId: e.counterId, ...routineMoment(state.config, paused.since), pausedSince: paused.since, at: e.at })
          : state.waitHistory;
      return withCounter({ ...state, waitHistory }, e.counterId, (c) => ({ ...c, state: 'open', pauseReasonId: null, since: e.at }));
    }
    case 'counter.signedOut':
      return withCounter(shiftMarked(state, e.counterId, 'signOut', e.at), e.counterId, (c) => ({
        ...c,
        state: 'closed',
        tellerId: null,
        pauseReasonId: null,
        since: e.at,
        activeTicketId: null,
      }));
  }
}

function shiftMarked(state: QueueState, counterId: string, kind: 'signIn' | 'signOut', at: number): QueueState {
  return { ...state, waitHistory: recordShift(state.waitHistory, { counterId, kind, ...routineMoment(state.config, at) }) };
}

/** A counter lets its customer go (finish, no-show, transfer): the wait estimate learns how long it was held. */
function released(state: QueueState, ticketId: string, counterId: string, at: number): QueueState {
  const ticket = state.tickets.get(ticketId);
  if (!ticket) return state;
  const callHour = ticket.calledAt === null ? 0 : localHour(ticket.calledAt, state.config.branch.timeZone);
  const waitHistory = recordRelease(state.waitHistory, { counterId, serviceId: ticket.legServiceId, callHour, calledAt: ticket.calledAt, at });
  return { ...state, waitHistory };
}

function withTicket(state: QueueState, id: string, change: (t: Ticket) => Ticket): QueueState {
  const ticket = state.tickets.get(id);
  if (!ticket) return state;
  return { ...state, tickets: state.tickets.with(change(ticket)) };
}

function removeTicket(state: QueueState, id: string): QueueState {
  const tickets = state.tickets.without(id);
  return tickets === state.tickets ? state : { ...state, tickets };
}

function withCounter(state: QueueState, counterId: string, change: (c: CounterStatus) => CounterStatus): QueueState {
  return { ...state, counters: { ...state.counters, [counterId]: change(counterStatusOf(state, counterId)) } };
}

/** The counter is free again, if it was holding this ticket. */
function releaseCounter(state: QueueState, counterId: string, ticketId: string): QueueState {
  if (counterStatusOf(state, counterId).activeTicketId !== ticketId) return state;
  return withCounter(state, counterId, (c) => ({ ...c, activeTicketId: null }));
}

/** Drops the no-shows whose reactivation window has passed; only the no-shows held are looked at (indexed). */
function pruneNoShows(state: QueueState, now: number): QueueState {
  const windowMs = state.config.noShow.reactivateWindowMin * 60_000;
  let tickets = state.tickets;
  for (const id of tickets.index().noShowIds()) {
    const t = tickets.get(id);
    if (t && now - (t.endedAt ?? now) > windowMs) tickets = tickets.without(id);
  }
  return tickets === state.tickets ? state : { ...state, tickets };
}
