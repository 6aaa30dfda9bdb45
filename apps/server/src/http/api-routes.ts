import { Router } from 'express';
import { fail, HealthRoute, ok, PROTOCOL_VERSION, TicketStatusRoute } from '@rinda/shared';
import type { ServerCore } from '../core';
import { findTicket } from '../realtime/snapshot';
import { serveRoute } from './typed-route';

/** The server's own HTTP API besides auth: health and the public ticket status. */
export function apiRoutes(core: ServerCore): Router {
  const { ctx, rules, live } = core;
  const router = Router();

  serveRoute(router, ctx.auth, HealthRoute, () => {
    const branch = ctx.config().branch;
    return ok({ ok: true, version: ctx.version, protocolVersion: PROTOCOL_VERSION, branch: { id: branch.id, name: branch.name } });
  });

  // Public: anyone with the unguessable id (the QR code) may read it; a ticket carries no personal data.
  serveRoute(
    router,
    ctx.auth,
    TicketStatusRoute,
    ({ params }) => {
      const ticket = findTicket(core, params.id);
      if (!ticket) return fail('NOT_FOUND', 'No such ticket');
      const now = ctx.clock();
      const state = live.state;
      const atCounter = ticket.state === 'called' || ticket.state === 'serving';
      const counter = atCounter ? state.config.counters.find((c) => c.id === ticket.counterId) : undefined;
      return ok({
        ticket,
        peopleAhead: state.tickets.has(ticket.id) ? rules.peopleAhead(state, ticket.id, now) : 0,
        wait: state.tickets.has(ticket.id) ? rules.predictTicketWait(state, ticket.id, now) : null,
        counterNumber: counter?.number ?? null,
      });
    },
    { badParams: { code: 'NOT_FOUND', message: 'No such ticket' } },
  );
  return router;
}
