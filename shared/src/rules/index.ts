export { decide } from './decide';
export { applyEvent } from './apply-event';
export { createQueueState, counterStatusOf, currentBusinessDay, lastNumberKey, newTicket, type NewTicket } from './queue-state';
export { mayReactivate } from './reactivation';
export { counterCallOrder, peopleAhead, waitingTickets } from './selectors';
export { queueSummaries } from './queue-summaries';
export { TicketTable } from './ticket-table';
export { predictNewTicketWait, predictTicketWait } from '../waits/wait-predictor';
export { EMPTY_WAIT_HISTORY, recordCall, recordIssue, recordPauseEnd, recordRelease, recordShift, routineMoment, type WaitHistory } from '../waits/wait-history';
