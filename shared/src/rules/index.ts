export { decide } from './decide';
export { applyEvent } from './apply-event';
export { createQueueState, counterStatusOf, currentBusinessDay, lastNumberKey, newTicket, RECENT_SERVICE_SAMPLES, type NewTicket } from './queue-state';
export { callOrder, isEligible, type Cycle, type Eligibility } from './call-order';
export { mayReactivate } from './reactivation';
export {
  counterCallOrder,
  DEFAULT_SERVICE_SEC,
  estimateWaitMin,
  isServiceOpen,
  peopleAhead,
  queueSummaries,
  ticketWaitEstimateMin,
  waitEstimateMin,
  waitingTickets,
} from './selectors';
