import {
  applyEvent,
  counterStatusOf,
  decide,
  peopleAhead,
  queueSummaries,
  predictTicketWait,
  waitingTickets,
  type ApplyEvent,
  type CounterStatus,
  type Decide,
  type QueueState,
  type QueueSummary,
  type Ticket,
  type WaitRange,
} from '@rinda/shared';

/**
 * The queue rules the server runs, all from @rinda/shared: the server decides nothing itself.
 * Gathered in one object so the pipeline and snapshots name their dependency on the rules in one place.
 */
export interface QueueRules {
  decide: Decide;
  applyEvent: ApplyEvent;
  /** `forBroadcast`: waits may come from a board up to a second old (queue:changed, several times a second). */
  queueSummaries(state: QueueState, now: number, forBroadcast?: boolean): QueueSummary[];
  peopleAhead(state: QueueState, ticketId: string, now: number): number;
  /** The wait a waiting ticket is told now; null once called, or with no counter signed in that could call it. */
  predictTicketWait(state: QueueState, ticketId: string, now: number): WaitRange | null;
  counterStatusOf(state: QueueState, counterId: string): CounterStatus;
  /** Today's waiting tickets in call order (tickets left waiting on an earlier business day are not). */
  waitingTickets(state: QueueState, now: number): Ticket[];
}

export const rules: QueueRules = {
  decide,
  applyEvent,
  queueSummaries,
  peopleAhead,
  predictTicketWait,
  counterStatusOf,
  waitingTickets: (state, now) => waitingTickets(state, now),
};
