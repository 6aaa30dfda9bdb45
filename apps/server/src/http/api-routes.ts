import { Router } from 'express';
import { z } from 'zod';
import { PROTOCOL_VERSION, type TicketStatusView } from '@rinda/shared';
import type { ServerCore } from '../core';
import { findTicket } from '../realtime/snapshot';
import { sendError } from './http-errors';

const TicketId = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** The server's own HTTP API besides auth: health and the public ticket status. */
export function apiRoutes(core: ServerCore): Router {
  const { ctx, rules, live } = core;
  const router = Router();

  router.get('/api/health', (_req, res) => {
    const branch = ctx.config().branch;
    res.json({ ok: true, version: ctx.version, protocolVersion: PROTOCOL_VERSION, branch: { id: branch.id, name: branch.name } });
  });

  // Public: anyone with the unguessable id (the QR code) may read it; a ticket carries no personal data.
  router.get('/api/tickets/:id/status', (req, res) => {
    const id = TicketId.safeParse(req.params.id);
    if (!id.success) return sendError(res, 'NOT_FOUND', 'No such ticket');
    const ticket = findTicket(core, id.data);
    if (!ticket) return sendError(res, 'NOT_FOUND', 'No such ticket');
    const now = ctx.clock();
    const state = live.state;
    const atCounter = ticket.state === 'called' || ticket.state === 'serving';
    const counter = atCounter ? state.config.counters.find((c) => c.id === ticket.counterId) : undefined;
    const view: TicketStatusView = {
      ticket,
      peopleAhead: state.tickets.has(ticket.id) ? rules.peopleAhead(state, ticket.id, now) : 0,
      estimatedWaitMin: state.tickets.has(ticket.id) ? rules.ticketWaitEstimateMin(state, ticket.id, now) : 0,
      counterNumber: counter?.number ?? null,
    };
    res.json(view);
  });
  return router;
}
