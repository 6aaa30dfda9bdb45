import { fail, type RatingPrompt, type Result } from '@rinda/shared';
import type { ServerCore } from '../core';
import { ratingRoom } from '../realtime/rooms';
import { findTicket } from '../realtime/snapshot';
import type { PersistedCommit } from '../store/event-store';
import type { EndedVisit } from './ended-visits';
import { counterOfRatingScreen } from './rating-screens';
import { recordRating } from './record-rating';

/**
 * A counter's rating screen (docs/SECURITY.md, "Rating screens"): a device of kind `rating`, bound at pairing to one
 * counter. It may rate one visit only: the one that just ended served at its counter, until the counter calls its
 * next ticket or `counterRating.timeoutSec` passed. The rating itself is kept by the one rule (record-rating.ts),
 * so a visit is rated once whichever screen, phone or counter, answers first.
 */

/** What the screens of `counterId` ask now, or null (idle). */
export function ratingPrompt(core: ServerCore, counterId: string): RatingPrompt | null {
  const now = core.ctx.clock();
  const visit = askedVisit(core, counterId, now);
  // The time left: a screen that connects meanwhile asks only as long as the answer will be taken.
  return visit ? { promptId: visit.promptId, language: visit.language, timeoutMs: visit.endedAt + askingMs(core) - now } : null;
}

/** How long the screens ask about a visit: `counterRating.timeoutSec`. */
function askingMs(core: ServerCore): number {
  return core.ctx.config().counterRating.timeoutSec * 1000;
}

/** The visit the screens of `counterId` are asked about at `now`, while `counterRating.timeoutSec` has not passed. */
function askedVisit(core: ServerCore, counterId: string, now: number): EndedVisit | null {
  return core.endedVisits.current(counterId, now, askingMs(core));
}

/** After every commit: a finish at a counter starts its screens' question; a call or recall there ends it (the next customer). */
export function promptAfterCommit(core: ServerCore, commit: PersistedCommit): void {
  for (const { event, ticket } of commit.records) {
    if (!('counterId' in event)) continue;
    if (event.type === 'ticket.finished' && ticket) {
      core.endedVisits.ended(event.counterId, { ticketId: ticket.id, language: ticket.language, endedAt: event.at });
      tellScreens(core, event.counterId);
    } else if ((event.type === 'ticket.called' || event.type === 'ticket.recalled') && core.endedVisits.clear(event.counterId)) {
      tellScreens(core, event.counterId);
    }
  }
}

/**
 * `rating:submit` from the screen `deviceId`: the score for the prompt it was asked (`promptId`), only if that is the
 * visit that just ended at its own counter; anything else is refused and changes nothing. `keep` runs in the rating's
 * transaction with its result (the pipeline's idempotency record).
 */
export function rateAtCounter(
  core: ServerCore,
  deviceId: string,
  promptId: string,
  score: number,
  keep: (recorded: Result<{ rated: true }>) => void,
): Result<{ rated: true }> {
  const counterId = counterOfRatingScreen(core.ctx.db, deviceId);
  if (counterId === null) return fail('FORBIDDEN', 'This device is not a counter rating screen');
  const visit = askedVisit(core, counterId, core.ctx.clock());
  if (visit?.promptId !== promptId) return fail('FORBIDDEN', 'A rating screen may rate only the visit that just ended at its own counter');
  const ticket = findTicket(core, visit.ticketId);
  if (!ticket) return fail('NOT_FOUND', 'No such ticket');
  const recorded = core.ctx.db
    .transaction(() => {
      const result = recordRating(core, ticket, score, null);
      keep(result);
      return result;
    })
    .immediate();
  if (recorded.ok || recorded.error.code === 'CONFLICT') {
    // Answered (here, or on the phone first): every screen of the counter goes back to idle.
    core.endedVisits.clear(counterId);
    tellScreens(core, counterId);
  }
  return recorded;
}

function tellScreens(core: ServerCore, counterId: string): void {
  core.ctx.io.to(ratingRoom(counterId)).emit('rating:prompt', { prompt: ratingPrompt(core, counterId) });
}
