/** Where the ticket stands, from GET /api/tickets/:id/status (computed on the server by the shared rules). */
export interface TicketPosition {
  peopleAhead: number;
  estimatedWaitMin: number;
}

export type PositionResult = { kind: 'found'; position: TicketPosition | null } | { kind: 'not-found' } | { kind: 'unreachable' };

/** Reads only the two figures this page shows; anything else in the reply is ignored, anything malformed refused. */
export function parsePosition(body: unknown): TicketPosition | null {
  if (typeof body !== 'object' || body === null) return null;
  const { peopleAhead, estimatedWaitMin } = body as Record<string, unknown>;
  if (typeof peopleAhead !== 'number' || !Number.isInteger(peopleAhead) || peopleAhead < 0) return null;
  if (typeof estimatedWaitMin !== 'number' || !Number.isFinite(estimatedWaitMin) || estimatedWaitMin < 0) return null;
  return { peopleAhead, estimatedWaitMin };
}

export async function fetchPosition(ticketId: string, signal: AbortSignal): Promise<PositionResult> {
  try {
    const response = await fetch(`/api/tickets/${encodeURIComponent(ticketId)}/status`, { cache: 'no-store', signal });
    if (response.status === 404) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unreachable' };
    return { kind: 'found', position: parsePosition(await response.json()) };
  } catch {
    return { kind: 'unreachable' };
  }
}
