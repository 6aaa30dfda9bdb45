import * as shared from '@rinda/shared';
import type { ApplyEvent, CounterStatus, Decide, QueueState, QueueSummary } from '@rinda/shared';

/** The queue rules the server runs, all from @rinda/shared: the server decides nothing itself. */
export interface QueueRules {
  decide: Decide;
  applyEvent: ApplyEvent;
  queueSummaries(state: QueueState, now: number): QueueSummary[];
  peopleAhead(state: QueueState, ticketId: string, now: number): number;
  ticketWaitEstimateMin(state: QueueState, ticketId: string, now: number): number;
  counterStatusOf(state: QueueState, counterId: string): CounterStatus;
}

// Bound by name until the rules module is exported from @rinda/shared; replaced by direct imports then.
const lib = shared as unknown as Record<string, unknown>;
function bound<F>(name: string): F {
  return ((...args: unknown[]) => {
    const fn = lib[name];
    if (typeof fn !== 'function') throw new Error(`@rinda/shared does not export ${name} yet`);
    return fn(...args);
  }) as F;
}

export const rules: QueueRules = {
  decide: bound('decide'),
  applyEvent: bound('applyEvent'),
  queueSummaries: bound('queueSummaries'),
  peopleAhead: bound('peopleAhead'),
  ticketWaitEstimateMin: bound('ticketWaitEstimateMin'),
  counterStatusOf: bound('counterStatusOf'),
};

/** How many recent service durations per service the wait estimate uses (the rules keep as many). */
export const RECENT_SERVICE_SAMPLES = typeof lib.RECENT_SERVICE_SAMPLES === 'number' ? lib.RECENT_SERVICE_SAMPLES : 20;
