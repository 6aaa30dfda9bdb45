import { z } from 'zod';
import { CustomerLanguage } from '../languages';
import { TransferPosition } from '../domain/ticket';
import { BookingCode } from '../domain/booking';

/** Bumped on any incompatible change of events or payloads; a client of another version is refused. */
export const PROTOCOL_VERSION = 5;

/** Idempotency key: a replay of the same requestId returns the first result and changes nothing. */
export const RequestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

const command = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ requestId: RequestId, ...shape });
const counterCommand = <T extends z.ZodRawShape>(shape: T) => command({ counterId: z.string().max(40), ...shape });

/** Every request a client may emit, with the schema of its payload. The one list server and clients share. */
export const CommandSchemas = {
  'ticket:issue': command({
    serviceId: z.string().max(40),
    language: CustomerLanguage,
    priorityReasonId: z.string().max(40).nullable().default(null),
  }),
  /** A booked customer checks in by their booking code (typed, or read from its QR code as text): a ticket is printed. */
  'appointment:checkIn': command({ code: BookingCode, language: CustomerLanguage }),
  'ticket:callNext': counterCommand({}),
  'ticket:call': counterCommand({ ticketId: z.string().max(64) }),
  'ticket:recall': counterCommand({}),
  'ticket:start': counterCommand({}),
  'ticket:finish': counterCommand({}),
  'ticket:noShow': counterCommand({}),
  'ticket:reactivate': counterCommand({ ticketId: z.string().max(64) }),
  'ticket:transfer': counterCommand({
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('service'), serviceId: z.string().max(40) }),
      z.strictObject({ kind: z.literal('counter'), counterId: z.string().max(40) }),
    ]),
    position: TransferPosition,
  }),
  'ticket:cancel': command({ ticketId: z.string().max(64) }),
  /** "I'm here": a remote ticket's own status page (the ticket is the page's, never named in the payload). */
  'ticket:confirm': command({}),
  /** "I'm here" at the kiosk: a remote ticket's status address (its QR, scanned) or its arrival code, typed. */
  'ticket:checkIn': command({ code: z.string().trim().min(1).max(300) }),
  /** "I need more time": the status page's own ticket steps back stepBack.places places, once per visit. */
  'ticket:stepBack': command({}),
  'counter:signIn': counterCommand({}),
  'counter:pause': counterCommand({ reasonId: z.string().max(40) }),
  'counter:resume': counterCommand({}),
  'counter:signOut': counterCommand({}),
  /**
   * A counter's rating screen answers its prompt: the prompt's id (rating:prompt) and a score. The server takes it
   * only for the visit that just ended at the screen's own counter.
   */
  'rating:submit': command({ promptId: z.string().max(64), score: z.number().int().min(1).max(5) }),
  /** Resend this client's snapshot (after a gap in broadcast sequence numbers). */
  'sync:request': command({}),
} as const;

export type CommandName = keyof typeof CommandSchemas;
export type CommandPayload<K extends CommandName> = z.input<(typeof CommandSchemas)[K]>;
export type ParsedCommand<K extends CommandName> = z.output<(typeof CommandSchemas)[K]>;

/** A command's payload through its schema, typed by the command's name. */
export function parseCommand<K extends CommandName>(name: K, payload: unknown): z.ZodSafeParseResult<ParsedCommand<K>>;
export function parseCommand(name: CommandName, payload: unknown): z.ZodSafeParseResult<unknown> {
  return CommandSchemas[name].safeParse(payload);
}
