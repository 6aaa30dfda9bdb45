import { Router } from 'express';
import { fail, HealthRoute, ok, PROTOCOL_VERSION, TicketStatusRoute } from '@rinda/shared';
import type { ServerCore } from '../core';
import { findTicket } from '../realtime/snapshot';
import { closedAtDayEnd } from '../store/event-store';
import { serveRoute } from './typed-route';

/** The server's own HTTP API besides auth: health and the public ticket status. */
export function apiRoutes(core: ServerCore): Router {
  const { ctx, rules, live } = core;
  const router = Router();

  // For a monitor (docs/OPERATIONS.md): 200 while the server answers and its database reads; 503 otherwise.
  serveRoute(router, ctx.auth, HealthRoute, () => {
    try {
      ctx.db.prepare('SELECT 1').get();
    } catch (error) {
      ctx.logger.error({ err: error }, 'health check: the database does not answer');
      return { ...fail('INTERNAL', 'The database does not answer'), status: 503 };
    }
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
        closedAtDayEnd: ticket.state === 'cancelled' && closedAtDayEnd(ctx.db, ticket.id),
      });
    },
    { badParams: { code: 'NOT_FOUND', message: 'No such ticket' } },
  );
  return router;
}
