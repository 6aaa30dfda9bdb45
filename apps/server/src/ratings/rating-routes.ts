import { Router } from 'express';
import { fail, ok, RateVisitRoute, RatingStatusRoute } from '@rinda/shared';
import type { ServerCore } from '../core';
import { serveRoute } from '../http/typed-route';
import { findTicket } from '../realtime/snapshot';
import { phoneRequestGuard } from '../security/phone-requests';
import { canRate, isRated, recordRating } from './record-rating';

/**
 * Feedback linked to the visit from the customer's phone (the rule itself is in record-rating.ts). The ticket
 * id, unguessable, is the permission, as for its status page.
 */
export function ratingRoutes(core: ServerCore): Router {
  const { ctx } = core;
  const router = Router();
  const badId = { code: 'NOT_FOUND' as const, message: 'No such ticket' };
  const throttled = phoneRequestGuard(core.limits.phoneRequests, ctx.clock);

  serveRoute(router, ctx.auth, RatingStatusRoute, ({ params }) => {
    const ticket = findTicket(core, params.id);
    if (!ticket) return fail('NOT_FOUND', 'No such ticket');
    const done = isRated(core, ticket.id);
    return ok({ canRate: !done && canRate(core, ticket), rated: done });
  }, { badParams: badId });

  serveRoute(router, ctx.auth, RateVisitRoute, ({ params, body }, req) => {
    const refused = throttled(req);
    if (refused) return refused;
    const ticket = findTicket(core, params.id);
    if (!ticket) return fail('NOT_FOUND', 'No such ticket');
    const recorded = recordRating(core, ticket, body.score, body.comment);
    return recorded.ok ? ok({ canRate: false, rated: true }) : recorded;
  }, { badParams: badId });
  return router;
}
