import type { CounterStatus, Ticket } from '@rinda/shared';

/** A `tickets` row as SQLite returns it. */
export interface TicketRow {
  id: string;
  business_day: string;
  service_id: string;
  number: number;
  display_number: string;
  language: Ticket['language'];
  priority_reason_id: string | null;
  issued_at: number;
  issued_hour: number;
  issued_weekday: number;
  estimated_wait_min: number;
  estimated_wait_at_most_min: number | null;
  /** 0: the customer was told that no counter was open, not a number (migration 080). */
  wait_told: number;
  people_ahead_at_issue: number;
  state: Ticket['state'];
  leg: number;
  leg_service_id: string;
  leg_started_at: number;
  queue_key: number;
  target_counter_id: string | null;
  counter_id: string | null;
  teller_id: string | null;
  called_at: number | null;
  service_started_at: number | null;
  recall_count: number;
  ended_at: number | null;
  /** Migration 110. */
  channel: Ticket['channel'];
  confirmed_at: number | null;
  /** Migration 112. */
  stepped_back_at: number | null;
}

/** The columns a new ticket's row is written with, beyond its own fields (see event-store). */
export function waitColumns(t: Ticket): { estimatedWaitMin: number; estimatedWaitAtMostMin: number | null; waitTold: number } {
  return { estimatedWaitMin: t.estimatedWaitMin ?? 0, estimatedWaitAtMostMin: t.estimatedWaitAtMostMin, waitTold: t.estimatedWaitMin === null ? 0 : 1 };
}

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: r.id,
    businessDay: r.business_day,
    serviceId: r.service_id,
    number: r.number,
    displayNumber: r.display_number,
    language: r.language,
    priorityReasonId: r.priority_reason_id,
    issuedAt: r.issued_at,
    estimatedWaitMin: r.wait_told ? r.estimated_wait_min : null,
    estimatedWaitAtMostMin: r.wait_told ? r.estimated_wait_at_most_min : null,
    peopleAheadAtIssue: r.people_ahead_at_issue,
    state: r.state,
    leg: r.leg,
    legServiceId: r.leg_service_id,
    legStartedAt: r.leg_started_at,
    queueKey: r.queue_key,
    targetCounterId: r.target_counter_id,
    counterId: r.counter_id,
    tellerId: r.teller_id,
    calledAt: r.called_at,
    serviceStartedAt: r.service_started_at,
    recallCount: r.recall_count,
    endedAt: r.ended_at,
    channel: r.channel,
    confirmedAt: r.confirmed_at,
    steppedBackAt: r.stepped_back_at,
  };
}

export interface CounterRow {
  counter_id: string;
  state: CounterStatus['state'];
  teller_id: string | null;
  pause_reason_id: string | null;
  since: number;
  active_ticket_id: string | null;
  priority_calls_in_cycle: number;
  normal_calls_in_cycle: number;
}

export function counterFromRow(r: CounterRow): CounterStatus {
  return {
    counterId: r.counter_id,
    state: r.state,
    tellerId: r.teller_id,
    pauseReasonId: r.pause_reason_id,
    since: r.since,
    activeTicketId: r.active_ticket_id,
    priorityCallsInCycle: r.priority_calls_in_cycle,
    normalCallsInCycle: r.normal_calls_in_cycle,
  };
}
