export { decide } from './decide';
export { applyEvent } from './apply-event';
export { createQueueState, counterStatusOf, lastNumberKey, RECENT_SERVICE_SAMPLES } from './queue-state';
export { callOrder, isEligible, isOverdue, type CallStep, type Cycle, type Eligibility } from './call-order';
export {
  DEFAULT_SERVICE_SEC,
  estimateWaitMin,
  isServiceOpen,
  meanServiceSec,
  peopleAhead,
  peopleAheadOf,
  queueSummaries,
  ticketWaitEstimateMin,
  waitEstimateMin,
  waitingTickets,
} from './selectors';
