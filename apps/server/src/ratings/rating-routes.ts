import { Router } from 'express';
import { currentBusinessDay, fail, ok, RateVisitRoute, RatingStatusRoute, type Ticket } from '@rinda/shared';
import type { ServerCore } from '../core';
import { serveRoute } from '../http/typed-route';
import { findTicket } from '../realtime/snapshot';
import { phoneRequestGuard } from '../security/phone-requests';

/**
 * Feedback linked to the visit (docs/REPORTS.md, "Satisfaction"): a visit that ended served may be rated 1–5
 * with an optional short comment, once, on its own business day (a closed day's roll-up is final). The ticket
 * id, unguessable, is the permission, as for its status page.
 */
export function ratingRoutes(core: ServerCore): Router {
  const { ctx } = core;
  const router = Router();
  const badId = { code: 'NOT_FOUND' as const, message: 'No such ticket' };
  const rated = (id: string) => ctx.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(id) !== undefined;
  const canRate = (t: Ticket) => t.state === 'done' && t.businessDay === currentBusinessDay(ctx.config(), ctx.clock());
  const throttled = phoneRequestGuard(core.limits.phoneRequests, ctx.clock);

  serveRoute(router, ctx.auth, RatingStatusRoute, ({ params }) => {
    const ticket = findTicket(core, params.id);
    if (!ticket) return fail('NOT_FOUND', 'No such ticket');
    const done = rated(ticket.id);
    return ok({ canRate: !done && canRate(ticket), rated: done });
  }, { badParams: badId });

  serveRoute(router, ctx.auth, RateVisitRoute, ({ params, body }, req) => {
    const refused = throttled(req);
    if (refused) return refused;
    const ticket = findTicket(core, params.id);
    if (!ticket) return fail('NOT_FOUND', 'No such ticket');
    if (rated(ticket.id)) return fail('CONFLICT', 'This visit was already rated; thank you');
    if (!canRate(ticket)) return fail('INVALID_STATE', 'Only a visit that ended served today can be rated');
    ctx.db.prepare('INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES (?, ?, ?, ?)').run(ticket.id, body.score, body.comment, ctx.clock());
    return ok({ canRate: false, rated: true });
  }, { badParams: badId });
  return router;
}
