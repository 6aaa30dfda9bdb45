import { z } from 'zod';
import { defineRoute } from './route';
import { PublicTicketId } from './status';

/** The longest comment kept: a sentence or two, not a letter (and less room for personal data). */
export const MAX_RATING_COMMENT = 280;

export const RatingInput = z.strictObject({
  score: z.number().int().min(1).max(5),
  /** Optional; blank is none. Longer than MAX_RATING_COMMENT characters is refused, not cut. */
  comment: z
    .string()
    .max(MAX_RATING_COMMENT, `at most ${MAX_RATING_COMMENT} characters`)
    .transform((c) => c.trim() || null)
    .nullable()
    .default(null),
});
export type RatingInput = z.input<typeof RatingInput>;

/** Whether the visit may be rated now (ended served, on its own business day) and whether it was. */
export const RatingStatus = z.object({ canRate: z.boolean(), rated: z.boolean() });
export type RatingStatus = z.infer<typeof RatingStatus>;

const params = z.object({ id: PublicTicketId });

/** GET /api/tickets/:id/rating: the status page asks before offering the question. */
export const RatingStatusRoute = defineRoute({ method: 'GET', path: '/api/tickets/:id/rating', roles: 'public', params, reply: RatingStatus });

/** POST /api/tickets/:id/rating {score, comment}: once per ticket; a second is CONFLICT and changes nothing. */
export const RateVisitRoute = defineRoute({
  method: 'POST',
  path: '/api/tickets/:id/rating',
  roles: 'public',
  params,
  body: RatingInput,
  reply: RatingStatus,
  status: 201,
});
