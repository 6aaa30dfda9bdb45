import { z } from 'zod';
import { CustomerLanguage } from '../languages';

const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export const TicketState = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketState>;

export const TicketChannel = z.enum(['kiosk', 'remote']);
export type TicketChannel = z.infer<typeof TicketChannel>;

export const TransferPosition = z.enum(['front', 'back', 'arrival']);
export type TransferPosition = z.infer<typeof TransferPosition>;

/**
 * A visit: one customer with one number. Its current leg is described by the leg* fields; a transfer
 * starts a new leg (another service or counter) and keeps id and number. Times are epoch milliseconds.
 */
export const Ticket = z.object({
  /** Unguessable (≥128 bits, base64url); also the id of the public status page /t/<id>. */
  id: z.string().min(16),
  /** Business day in the branch's time zone, YYYY-MM-DD. */
  businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Service the number was issued in (its prefix is on the ticket). */
  serviceId: z.string(),
  number: z.number().int().min(1),
  /** As printed and announced: prefix + three digits, "A023". */
  displayNumber: z.string(),
  language: CustomerLanguage,
  priorityReasonId: z.string().nullable(),
  issuedAt: z.number(),
  /**
   * The typical wait told at issue (minutes), kept to report how good it was; null when the customer was told
   * that no counter serving the service was open instead of a number.
   */
  estimatedWaitMin: z.number().min(0).nullable(),
  /** The "at most" wait told at issue (minutes); null as above, and on tickets issued before it was told. */
  estimatedWaitAtMostMin: z.number().min(0).nullable(),
  peopleAheadAtIssue: z.number().int().min(0),
  state: TicketState,
  /** 1 for the first leg, +1 per transfer. */
  leg: z.number().int().min(1),
  legServiceId: z.string(),
  legStartedAt: z.number(),
  /**
   * The business day the current leg started on, set by a transfer (absent on a first leg: `businessDay`). A
   * customer called before the day start and transferred after it waits in today's queues (waitingDayOf).
   */
  legBusinessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Order in the queue: lower is called first among equals (arrival time, or moved by a transfer). */
  queueKey: z.number(),
  /** Set when transferred to a specific counter: only that counter may call it. */
  targetCounterId: z.string().nullable(),
  /** Counter and teller holding the ticket while called or serving; the last ones after it ended. */
  counterId: z.string().nullable(),
  tellerId: z.string().nullable(),
  calledAt: z.number().nullable(),
  serviceStartedAt: z.number().nullable(),
  recallCount: z.number().int().min(0),
  endedAt: z.number().nullable(),
  /** Where the number was taken: at the kiosk, or from a phone outside the branch (the /join/ page). */
  channel: TicketChannel.default('kiosk'),
  /** A remote ticket: when the customer said "I'm here" (or was reactivated at a counter); null until then. */
  confirmedAt: z.number().nullable().default(null),
  /** When the customer stepped back ("I need more time", once per visit); null until then. */
  steppedBackAt: z.number().nullable().default(null),
  /**
   * Set on a ticket printed at an appointment's check-in (rules/appointments): its booking and booked slot, and how
   * the customer arrived. Absent on walk-ins. A 'walkIn' arrival (past the grace window) is queued as a walk-in.
   */
  appointment: z
    .object({ bookingId: z.string(), code: z.string(), slotStart: z.number(), arrival: z.enum(['early', 'onTime', 'late', 'walkIn']) })
    .optional(),
});
export type Ticket = z.infer<typeof Ticket>;
export type TicketAppointment = NonNullable<Ticket['appointment']>;

export const CounterState = z.enum(['closed', 'open', 'paused']);
export type CounterState = z.infer<typeof CounterState>;

/** Live state of a counter. Configuration (name, number, services) is in BranchConfig. */
export const CounterStatus = z.object({
  counterId: z.string(),
  state: CounterState,
  tellerId: z.string().nullable(),
  pauseReasonId: z.string().nullable(),
  /** When the current state began. */
  since: z.number(),
  activeTicketId: z.string().nullable(),
  /** Position in the priority ratio cycle: calls made in the current cycle. */
  priorityCallsInCycle: z.number().int().min(0),
  normalCallsInCycle: z.number().int().min(0),
});
export type CounterStatus = z.infer<typeof CounterStatus>;

/** The business day whose queues a waiting ticket is in: its current leg's (a transfer's), else its issue's. */
export function waitingDayOf(t: Pick<Ticket, 'businessDay' | 'legBusinessDay'>): string {
  return t.legBusinessDay ?? t.businessDay;
}

export function formatTicketNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}
