export { decide } from './decide';
export { applyEvent } from './apply-event';
export { createQueueState, counterStatusOf, currentBusinessDay, lastNumberKey, newTicket, RECENT_SERVICE_SAMPLES, type NewTicket } from './queue-state';
export { mayReactivate } from './reactivation';
export { counterCallOrder, peopleAhead, queueSummaries, ticketWaitEstimateMin, waitingTickets } from './selectors';
export { TicketTable } from './ticket-table';
