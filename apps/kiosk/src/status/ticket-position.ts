import { TicketStatusView } from '@rinda/shared';

/** Where the ticket stands, from GET /api/tickets/:id/status (computed on the server by the shared rules). */
export type TicketPosition = Pick<TicketStatusView, 'peopleAhead' | 'estimatedWaitMin'>;

export type PositionResult = { kind: 'found'; position: TicketPosition | null } | { kind: 'not-found' } | { kind: 'unreachable' };

export async function fetchPosition(ticketId: string, signal: AbortSignal): Promise<PositionResult> {
  try {
    const response = await fetch(`/api/tickets/${encodeURIComponent(ticketId)}/status`, { cache: 'no-store', signal });
    if (response.status === 404) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unreachable' };
    const view = TicketStatusView.safeParse(await response.json());
    return { kind: 'found', position: view.success ? view.data : null };
  } catch {
    return { kind: 'unreachable' };
  }
}
