import { currentBusinessDay, fail, ok, type Result, type Ticket } from '@rinda/shared';
import type { ServerCore } from '../core';
import { storeRating } from './rating-store';

/**
 * The one place a visit's rating is kept (docs/REPORTS.md, "Satisfaction"), whichever screen it came from: a
 * visit that ended served may be rated 1–5 with an optional short comment, once, on its own business day (a
 * closed day's roll-up is final).
 */
export function isRated(core: ServerCore, ticketId: string): boolean {
  return core.ctx.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(ticketId) !== undefined;
}

export function canRate(core: ServerCore, ticket: Ticket): boolean {
  const { ctx } = core;
  return ticket.state === 'done' && ticket.businessDay === currentBusinessDay(ctx.config(), ctx.clock());
}

export function recordRating(core: ServerCore, ticket: Ticket, score: number, comment: string | null): Result<{ rated: true }> {
  if (isRated(core, ticket.id)) return fail('CONFLICT', 'This visit was already rated; thank you');
  if (!canRate(core, ticket)) return fail('INVALID_STATE', 'Only a visit that ended served today can be rated');
  storeRating(core.ctx.db, { ticketId: ticket.id, score, comment, ratedAt: core.ctx.clock() });
  return ok({ rated: true as const });
}
