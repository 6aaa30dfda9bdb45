import {
  applyEvent,
  counterStatusOf,
  decide,
  peopleAhead,
  queueSummaries,
  ticketWaitEstimateMin,
  type ApplyEvent,
  type CounterStatus,
  type Decide,
  type QueueState,
  type QueueSummary,
} from '@rinda/shared';

/**
 * The queue rules the server runs, all from @rinda/shared: the server decides nothing itself.
 * Gathered in one object so the pipeline and snapshots name their dependency on the rules in one place.
 */
export interface QueueRules {
  decide: Decide;
  applyEvent: ApplyEvent;
  queueSummaries(state: QueueState, now: number): QueueSummary[];
  peopleAhead(state: QueueState, ticketId: string, now: number): number;
  ticketWaitEstimateMin(state: QueueState, ticketId: string, now: number): number;
  counterStatusOf(state: QueueState, counterId: string): CounterStatus;
}

export const rules: QueueRules = { decide, applyEvent, queueSummaries, peopleAhead, ticketWaitEstimateMin, counterStatusOf };
