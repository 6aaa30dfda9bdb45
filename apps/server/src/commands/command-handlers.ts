import {
  fail,
  ok,
  printerBlocksIssue,
  ticketForCheckIn,
  type BranchConfig,
  type Command,
  type CommandName,
  type CommandResults,
  type CounterView,
  type IssuedTicket,
  type ParsedCommand,
  type PrintOutcome,
  type QueueState,
  type Result,
  type Ticket,
  type TicketChannel,
} from '@rinda/shared';
import type { AppContext } from '../app-context';
import { prepareCheckIn, recordCheckIn, type PreparedCheckIn } from '../appointments/check-in';
import type { Principal } from '../auth/principal';
import type { TicketPrinting } from '../ports';
import { Refusal } from './refusal';

/**
 * Commands that change the queue: all but sync:request, which only reads, and rating:submit, which keeps a rating
 * beside the queue (ratings/counter-rating.ts).
 */
export type QueueCommandName = Exclude<CommandName, 'sync:request' | 'rating:submit'>;

export function isQueueCommand(name: string): name is QueueCommandName {
  return name !== 'sync:request' && name !== 'rating:submit' && Object.hasOwn(COMMAND_HANDLERS, name);
}

/** Who sends a command and on which state: the rules' command names the acting teller. */
export interface Sender {
  principal: Principal;
  state: QueueState;
  /** Where a new ticket is taken: the kiosk, or a phone outside the branch (remote join, over HTTP). */
  channel: TicketChannel;
}

/** What a committed command can answer with, built from its commit by the pipeline. */
export interface Committed {
  /** The last ticket the command's events wrote. */
  ticket(): { ticket: Ticket };
  /** A counter as the commit left it. */
  counter(counterId: string): { counter: CounterView };
  /** A new ticket with its position, estimate and status URL (printing is settled after the ack). */
  issued(): IssuedTicket;
}

/** What a command's precheck hands on to its commit: for ticket:issue, the kiosk whose ticket the server prints. */
export interface Prepared {
  printFor: string | null;
  /** appointment:checkIn: the booking and how it checks in (appointments/check-in.ts). */
  checkIn?: PreparedCheckIn;
}
export const NOTHING_PREPARED: Prepared = { printFor: null };

/**
 * What the stored answer of a server-printed ticket says about its paper. Nobody hears it: the ack carries the
 * print's outcome, and a replay is answered from the ticket's print job (TicketPrinting.settle), the truth.
 */
const PRINT_NOT_SETTLED: PrintOutcome = { status: 'failed', message: 'printing had not finished' };

/**
 * One wire command from its parsed payload to the rules and back: the rules' command (`toRule`), the counter
 * it acts at (`counterId`, to name a taken counter's holder) and the ack's data once committed (`reply`),
 * typed by CommandResults. A command added to CommandSchemas does not compile until it has a handler here.
 */
export interface CommandHandler<K extends QueueCommandName> {
  toRule(payload: ParsedCommand<K>, sender: Sender, prepared: Prepared): Command;
  counterId(payload: ParsedCommand<K>): string | null;
  reply(payload: ParsedCommand<K>, committed: Committed, prepared: Prepared): CommandResults[K];
  /**
   * Before deciding: a refusal when the command cannot be carried out now (a kiosk whose printer is not ready),
   * or what its commit needs to know.
   */
  precheck?(sender: Omit<Sender, 'channel'>, printing: TicketPrinting, ctx: AppContext, payload: ParsedCommand<K>): Promise<Result<Prepared>>;
  /**
   * Inside the command's transaction, with its events: what must be durable with them (the paper a ticket is owed,
   * a booking's check-in). A Refusal thrown here takes the command back.
   */
  withinCommit?(reply: CommandResults[K], prepared: Prepared, printing: TicketPrinting, at: number, ctx: AppContext): void;
  /** After the commit and its broadcast, before the ack: finishes the answer (prints the ticket). */
  afterCommit?(reply: CommandResults[K], prepared: Prepared, printing: TicketPrinting, config: BranchConfig): Promise<CommandResults[K]>;
  /** A replay of the stored answer: the answer as it stands now (a ticket's print job, printed now if still pending). */
  replay?(stored: CommandResults[K], printing: TicketPrinting, config: BranchConfig): Promise<CommandResults[K]>;
}

export type CommandHandlers = { [K in QueueCommandName]: CommandHandler<K> };

/** The teller acting: the signed-in user (a device acts for no teller). */
const tellerOf = (sender: Sender) => (sender.principal.kind === 'user' ? sender.principal.userId : '');
const at = (payload: { counterId: string }, sender: Sender) => ({ counterId: payload.counterId, tellerId: tellerOf(sender) });
const atCounter = (payload: { counterId: string }) => payload.counterId;
const noCounter = () => null;
/** A status page acts on its own ticket only: the one its handshake named. */
const ownTicket = (sender: Sender) => (sender.principal.kind === 'public' ? sender.principal.ticketId : '');
const theTicket = (_payload: unknown, committed: Committed) => committed.ticket();
const theCounter = (payload: { counterId: string }, committed: Committed) => committed.counter(payload.counterId);

/** A kiosk the server prints for gets no number while its printer cannot print it. */
async function printerOf(principal: Principal, printing: TicketPrinting): Promise<Result<Prepared>> {
  if (principal.kind !== 'device') return ok(NOTHING_PREPARED);
  const health = await printing.check(principal.deviceId);
  if (printerBlocksIssue(health)) return fail('PRINTER_UNAVAILABLE', 'The ticket printer is not ready; please ask a member of staff');
  return ok({ printFor: health === 'none' ? null : principal.deviceId });
}

/** A new ticket's answer and its paper: ticket:issue and appointment:checkIn alike. */
const PRINTED_TICKET = {
  reply: (_p: unknown, committed: Committed, { printFor }: Prepared): IssuedTicket => {
    const issued = committed.issued();
    return printFor === null ? issued : { ...issued, print: PRINT_NOT_SETTLED };
  },
  // The paper is owed in the ticket's own transaction: a retry after a crash finds the print job.
  withinCommit(issued: IssuedTicket, { printFor }: Prepared, printing: TicketPrinting, at: number) {
    if (printFor !== null) printing.recordJob(printFor, issued.ticket.id, at);
  },
  async afterCommit(issued: IssuedTicket, { printFor }: Prepared, printing: TicketPrinting, config: BranchConfig): Promise<IssuedTicket> {
    if (printFor === null) return issued;
    const { print: _print, ...toPrint } = issued;
    return { ...issued, print: (await printing.settle(toPrint, config, { checkFirst: false })) ?? PRINT_NOT_SETTLED };
  },
  async replay(issued: IssuedTicket, printing: TicketPrinting, config: BranchConfig): Promise<IssuedTicket> {
    const { print: _print, ...toPrint } = issued;
    const outcome = await printing.settle(toPrint, config, { checkFirst: true });
    return outcome ? { ...issued, print: outcome } : issued;
  },
};

export const COMMAND_HANDLERS: CommandHandlers = {
  'ticket:issue': {
    toRule: (p, s) => ({ type: 'issue', serviceId: p.serviceId, language: p.language, priorityReasonId: p.priorityReasonId, channel: s.channel }),
    counterId: noCounter,
    ...PRINTED_TICKET,
    precheck: ({ principal }, printing) => printerOf(principal, printing),
  },
  'appointment:checkIn': {
    toRule: (p, s, { checkIn }) => {
      if (!checkIn) throw new Refusal('INTERNAL', 'The check-in was not prepared');
      return { type: 'issue', serviceId: checkIn.booking.serviceId, language: p.language, priorityReasonId: null, channel: s.channel, appointment: checkIn.appointment };
    },
    counterId: noCounter,
    ...PRINTED_TICKET,
    // The code first (throttled per kiosk), then the printer: a wrong code never waits for the printer.
    async precheck({ principal }, printing, ctx, payload) {
      const checkIn = prepareCheckIn(ctx, principal, payload.code);
      if (!checkIn.ok) return checkIn;
      const printer = await printerOf(principal, printing);
      return printer.ok ? ok({ ...printer.data, checkIn: checkIn.data }) : printer;
    },
    withinCommit(issued, prepared, printing, at, ctx) {
      PRINTED_TICKET.withinCommit(issued, prepared, printing, at);
      if (prepared.checkIn) recordCheckIn(ctx, prepared.checkIn, issued.ticket.id);
    },
  },
  'ticket:callNext': { toRule: (p, s) => ({ type: 'callNext', ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:call': { toRule: (p, s) => ({ type: 'callTicket', ticketId: p.ticketId, ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:recall': { toRule: (p, s) => ({ type: 'recall', ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:start': { toRule: (p, s) => ({ type: 'start', ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:finish': { toRule: (p, s) => ({ type: 'finish', ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:noShow': { toRule: (p, s) => ({ type: 'noShow', ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:reactivate': { toRule: (p, s) => ({ type: 'reactivate', ticketId: p.ticketId, ...at(p, s) }), counterId: atCounter, reply: theTicket },
  'ticket:transfer': {
    toRule: (p, s) => ({ type: 'transfer', target: p.target, position: p.position, ...at(p, s) }),
    counterId: atCounter,
    reply: theTicket,
  },
  // The status page's own ticket: its principal names it, so a page can only confirm the ticket it watches.
  'ticket:confirm': { toRule: (_p, s) => ({ type: 'confirm', ticketId: ownTicket(s) }), counterId: noCounter, reply: theTicket },
  // The kiosk names the ticket by what the customer shows it; a code that names none is refused as NOT_FOUND.
  'ticket:checkIn': { toRule: (p, s) => ({ type: 'confirm', ticketId: ticketForCheckIn(s.state, p.code) ?? '' }), counterId: noCounter, reply: theTicket },
  'ticket:stepBack': { toRule: (_p, s) => ({ type: 'stepBack', ticketId: ownTicket(s) }), counterId: noCounter, reply: theTicket },
  'ticket:cancel': { toRule: (p, s) => ({ type: 'cancel', ticketId: p.ticketId, byUserId: tellerOf(s) || null }), counterId: noCounter, reply: theTicket },
  'counter:signIn': { toRule: (p, s) => ({ type: 'signIn', ...at(p, s) }), counterId: atCounter, reply: theCounter },
  'counter:pause': { toRule: (p, s) => ({ type: 'pause', reasonId: p.reasonId, ...at(p, s) }), counterId: atCounter, reply: theCounter },
  'counter:resume': { toRule: (p, s) => ({ type: 'resume', ...at(p, s) }), counterId: atCounter, reply: theCounter },
  'counter:signOut': {
    // A manager signing a counter out acts for the teller signed in there, so the rules see that teller.
    toRule: (p, s) => {
      const holder = s.state.counters[p.counterId]?.tellerId;
      return { type: 'signOut', counterId: p.counterId, tellerId: s.principal.role === 'manager' && holder ? holder : tellerOf(s) };
    },
    counterId: atCounter,
    reply: theCounter,
  },
};
