import { z } from 'zod';
import { Ticket, TransferPosition } from './ticket';

/**
 * What happened, as appended to `ticket_events` / `counter_events`. Rules produce these; the store and
 * every projection (in-memory state, reports) are derived from them. Times are epoch milliseconds.
 */
const base = { at: z.number() };
const atCounter = { ...base, counterId: z.string(), tellerId: z.string() };

export const DomainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.issued'), ...base, ticket: Ticket }),
  z.object({
    type: z.literal('ticket.called'),
    ...atCounter,
    ticketId: z.string(),
    specific: z.boolean(),
    /** The counter's priority-cycle position after a "call next"; absent when the call does not move it. */
    cycle: z.object({ priority: z.number().int().min(0), normal: z.number().int().min(0) }).optional(),
  }),
  z.object({ type: z.literal('ticket.recalled'), ...atCounter, ticketId: z.string(), recallCount: z.number().int() }),
  z.object({ type: z.literal('ticket.serviceStarted'), ...atCounter, ticketId: z.string() }),
  z.object({ type: z.literal('ticket.finished'), ...atCounter, ticketId: z.string() }),
  z.object({ type: z.literal('ticket.noShow'), ...atCounter, ticketId: z.string() }),
  z.object({ type: z.literal('ticket.reactivated'), ...atCounter, ticketId: z.string(), queueKey: z.number() }),
  z.object({
    type: z.literal('ticket.transferred'),
    ...base,
    ticketId: z.string(),
    counterId: z.string().nullable(),
    tellerId: z.string().nullable(),
    toServiceId: z.string(),
    toCounterId: z.string().nullable(),
    position: TransferPosition,
    queueKey: z.number(),
  }),
  /** A remote ticket's customer said "I'm here" on the phone. */
  z.object({ type: z.literal('ticket.confirmed'), ...base, ticketId: z.string() }),
  /** "I need more time": the customer stepped back `places` places in their line (queueKey: the new place). */
  z.object({ type: z.literal('ticket.steppedBack'), ...base, ticketId: z.string(), places: z.number().int().min(1), queueKey: z.number() }),
  z.object({
    type: z.literal('ticket.cancelled'),
    ...base,
    ticketId: z.string(),
    byUserId: z.string().nullable(),
    /** 'dayEnded': closed by the rules at the end of the business day its leg waited on (closeEarlierDays), not by anyone. */
    reason: z.literal('dayEnded').optional(),
  }),
  z.object({ type: z.literal('counter.signedIn'), ...atCounter }),
  z.object({ type: z.literal('counter.paused'), ...atCounter, reasonId: z.string() }),
  z.object({ type: z.literal('counter.resumed'), ...atCounter }),
  z.object({ type: z.literal('counter.signedOut'), ...atCounter }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];
