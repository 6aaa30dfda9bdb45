import { TicketStatusRoute, type TicketStatusView } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/** Where the ticket stands, from GET /api/tickets/:id/status (computed on the server by the shared rules). */
export type TicketPosition = Pick<TicketStatusView, 'peopleAhead' | 'wait' | 'closedAtDayEnd'>;

export type PositionResult = { kind: 'found'; position: TicketPosition | null } | { kind: 'not-found' } | { kind: 'unreachable' };

export async function fetchPosition(ticketId: string, signal: AbortSignal): Promise<PositionResult> {
  const reply = await callRoute(TicketStatusRoute, { params: { id: ticketId }, cache: 'no-store', signal });
  if (reply.ok) return { kind: 'found', position: reply.data };
  if (reply.code === 'NOT_FOUND') return { kind: 'not-found' };
  return { kind: 'unreachable' };
}
