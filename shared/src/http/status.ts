import { z } from 'zod';
import { TicketStatusView } from '../protocol/views';
import { defineRoute } from './route';

/** A ticket's public id: unguessable, so holding it (the QR code) is the permission to read the ticket. */
export const PublicTicketId = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** GET /api/tickets/:id/status: where a ticket stands (the phone's status page). A bad id is NOT_FOUND. */
export const TicketStatusRoute = defineRoute({
  method: 'GET',
  path: '/api/tickets/:id/status',
  roles: 'public',
  params: z.object({ id: PublicTicketId }),
  reply: TicketStatusView,
});
