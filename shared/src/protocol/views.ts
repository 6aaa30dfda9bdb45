import { z } from 'zod';
import { BranchConfig } from '../config/branch-config';
import { CustomerLanguage } from '../languages';
import { CounterStatus, Ticket } from '../domain/ticket';
import { WaitRange } from '../domain/wait-range';
import { Role } from './roles';
import { StaffingAlert } from './staffing';

/** Waiting line of one service, as kiosks, displays, tellers and managers see it. */
export const QueueSummary = z.object({
  serviceId: z.string(),
  waiting: z.number().int().min(0),
  /** legStartedAt of the longest-waiting ticket; null when nobody waits. */
  oldestWaitingSince: z.number().nullable(),
  /** What a normal ticket issued now would be told to wait; null when no counter serving it is signed in. */
  wait: WaitRange.nullable(),
  /** Open for new tickets now (active and within opening hours). */
  open: z.boolean(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const CounterView = CounterStatus.extend({ tellerName: z.string().nullable() });
export type CounterView = z.infer<typeof CounterView>;

/** One announcement-worthy call: shown on displays, spoken, and sent to the ticket's status page. */
export const CallView = z.object({
  /** Unique per call or recall; displays use it to never announce the same call twice. */
  callId: z.string(),
  ticketId: z.string(),
  displayNumber: z.string(),
  serviceId: z.string(),
  counterId: z.string(),
  counterNumber: z.number().int(),
  at: z.number(),
  recall: z.boolean(),
  /** The customer's kiosk language: announcements may add it to the branch's languages. */
  language: CustomerLanguage,
});
export type CallView = z.infer<typeof CallView>;

/** `rating`: a counter-side screen bound to one counter, where a customer without a phone rates the visit just ended. */
export const DeviceKind = z.enum(['kiosk', 'display', 'rating']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/**
 * What a counter's rating screen asks (the `rating:prompt` message): the visit that just ended served at its
 * counter, in the ticket's language, for `timeoutMs` more (the rest of `counterRating.timeoutSec`). `promptId` names
 * this question (one per ended visit, random, known only to the counter's screens) and is sent back with the score:
 * never the ticket's id, which is the bearer credential of its status page.
 */
export const RatingPrompt = z.object({ promptId: z.string(), language: CustomerLanguage, timeoutMs: z.number().int().positive() });
export type RatingPrompt = z.infer<typeof RatingPrompt>;
/**
 * A kiosk printer's state as staff see it. `paper_near_end`: the roll's near-end sensor is on; it still
 * prints, but someone should bring paper (a warning, not a stop). `none`: the kiosk prints itself or has no printer.
 */
export const PrinterHealth = z.enum(['ok', 'paper_near_end', 'paper_out', 'cover_open', 'offline', 'unknown', 'none']);
export type PrinterHealth = z.infer<typeof PrinterHealth>;

/** Printer states in which no number may be issued: the customer would get nothing to hold. */
export const BLOCKING_PRINTER_STATES = ['paper_out', 'cover_open', 'offline'] as const;
export type BlockingPrinterState = (typeof BLOCKING_PRINTER_STATES)[number];

/**
 * The one rule for "may a kiosk issue a number with this printer?", used by the server, the Electron shell
 * and the kiosk. 'unknown' does not block: USB and system printers cannot report their status at all.
 */
export function printerBlocksIssue(health: PrinterHealth): health is BlockingPrinterState {
  return (BLOCKING_PRINTER_STATES as readonly PrinterHealth[]).includes(health);
}
export const DeviceView = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  connected: z.boolean(),
  lastSeenAt: z.number().nullable(),
  printer: PrinterHealth,
  /** The id of the kiosk printer's profile in the configuration's printerProfiles. */
  printerProfile: z.string(),
  revoked: z.boolean(),
  /** A rating screen's counter (chosen at pairing); null for any other device. */
  ratingCounterId: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const SessionUser = z.object({ id: z.string(), name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

/**
 * What a client gets on every connect and reconnect, filtered for its role:
 * kiosk: config, queues · display: + counters, recentCalls · teller/manager: + tickets (waiting,
 * active, recent no-shows) · teller: + kiosks (their printers' health) · manager: + devices · staff: staffing
 * alerts · public: its one ticket, queues, recentCalls for it.
 */
export const BranchSnapshot = z.object({
  /** Changes when the server restarts; with seq it orders broadcasts against this snapshot. */
  epoch: z.string(),
  seq: z.number().int().min(0),
  serverTime: z.number(),
  role: Role,
  me: SessionUser.nullable(),
  config: BranchConfig,
  queues: z.array(QueueSummary),
  counters: z.array(CounterView),
  tickets: z.array(Ticket),
  recentCalls: z.array(CallView),
  devices: z.array(DeviceView),
  /** Live staffing alerts: managers always, tellers when `alerts.notifyTellers` is on; others none. */
  alerts: z.array(StaffingAlert),
});
export type BranchSnapshot = z.infer<typeof BranchSnapshot>;

export const PrintOutcome = z.object({
  status: z.enum(['printed', 'failed', 'by-device']),
  message: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;

/** The kiosk's ack for ticket:issue: enough to show and print the ticket. */
export const IssuedTicket = z.object({
  ticket: Ticket,
  peopleAhead: z.number().int().min(0),
  /** The wait told (as stored on the ticket); null: no counter serving the service was signed in. */
  wait: WaitRange.nullable(),
  /** Path of the public status page, e.g. /t/<id>; the QR code holds publicUrl + this. */
  statusPath: z.string(),
  statusUrl: z.string(),
  print: PrintOutcome,
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** GET /api/tickets/:id/status: the public status page's view of one ticket (no token, no personal data). */
export const TicketStatusView = z.object({
  ticket: Ticket,
  peopleAhead: z.number().int().min(0),
  /** The wait now, for a waiting ticket; null once called, or while no counter that can call it is signed in. */
  wait: WaitRange.nullable(),
  /** The counter's announced number while the ticket is called or served there. */
  counterNumber: z.number().int().nullable(),
  /** Cancelled by the day boundary (still waiting when its business day ended, reason `dayEnded`), not by anyone. */
  closedAtDayEnd: z.boolean().default(false),
});
export type TicketStatusView = z.infer<typeof TicketStatusView>;

/** POST /api/speech {language, text} (kiosk, display): where the synthesised audio can be fetched. */
export const SpeechReply = z.object({
  /** A path on this server, e.g. /api/speech/audio/<hash>.wav */
  url: z.string().regex(/^\/(?!\/)/, 'a path on this server'),
  durationMs: z.number().min(0),
});
export type SpeechReply = z.infer<typeof SpeechReply>;
