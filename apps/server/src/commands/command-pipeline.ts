import type { Socket } from 'socket.io';
import {
  COMMAND_ROLES,
  currentBusinessDay,
  fail,
  ok,
  parseCommand,
  type Ack,
  type ClientToServerEvents,
  type CallView,
  type Command,
  type CommandName,
  type CommandResults,
  type DomainEvent,
  type IssuedTicket,
  type TicketChannel,
  type Failure,
  type ParsedCommand,
  type QueueState,
  type Result,
  type ServerToClientEvents,
  type Ticket,
} from '@rinda/shared';
import type { SocketData } from '../app-context';
import { stillValid } from '../auth/authenticate';
import { actorOf, type Principal } from '../auth/principal';
import { userName } from '../auth/users';
import type { ServerCore } from '../core';
import { describeIssues } from '../http/http-errors';
import { statusOrigin } from '../http/status-origin';
import { promptAfterCommit, rateAtCounter } from '../ratings/counter-rating';
import { AUDIENCE, ticketRoom } from '../realtime/rooms';
import { counterView, findTicket } from '../realtime/snapshot';
import { closedAtDayEnd, type PersistedCommit } from '../store/event-store';
import { GroupCommit, type Written } from './group-commit';
import { Refusal } from './refusal';
import { issuedAnswer, payloadHash, ProcessedRequests, statusPathOf } from './processed-requests';
import { COMMAND_HANDLERS, isQueueCommand, NOTHING_PREPARED, type Committed, type QueueCommandName } from './command-handlers';

export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How a request reached the server: its status address is built from it when there is no publicUrl. */
export interface RequestOrigin {
  host: string | undefined;
  secure: boolean;
}
const originOf = (socket: TypedSocket): RequestOrigin => ({ host: socket.handshake.headers.host, secure: socket.handshake.secure });

/** Answers through a socket.io ack function, when the client sent one. */
export function answer(ack: unknown, response: Result<unknown>): void {
  if (typeof ack === 'function') Reflect.apply(ack, undefined, [response]);
}
type Reply<K extends CommandName> = Result<CommandResults[K]>;
/** A command's outcome: its ack, and what to do once the ack is sent (broadcast), if anything. */
type Outcome<K extends CommandName> = { result: Reply<K>; after: (() => void) | null };
/** A request being processed: what it is (command and payload hash) and its answer to come. */
interface Pending {
  identity: string;
  result: Promise<Reply<QueueCommandName>>;
}

/** The answer of a request in flight, typed by its command: the caller checked `identity`, which names the command. */
function resultOf<K extends QueueCommandName>(pending: Pending, command: K): Promise<Reply<K>>;
function resultOf(pending: Pending): Promise<Reply<QueueCommandName>> {
  return pending.result;
}


/** The ack of a command that failed: its refusal, or INTERNAL for anything unexpected (logged by handle()). */
function toFailure(error: unknown): Failure {
  return error instanceof Refusal ? fail(error.code, error.message) : fail('INTERNAL', 'Something went wrong on the server; please try again');
}

/**
 * The one path of every client command: parse → authorise → idempotency → decide + persist in its own
 * savepoint of the IMMEDIATE transaction it shares with the commands of the same event-loop turn (group-commit)
 * → apply to memory → ack → broadcast. Handlers elsewhere never change the queue.
 */
export class CommandPipeline {
  private readonly processed: ProcessedRequests;
  /** Requests being processed now, so a retry that arrives meanwhile waits for the same answer. */
  private readonly inFlight = new Map<string, Pending>();

  private readonly commits: GroupCommit<QueueState, PersistedCommit, CallView[]>;

  /** `committed`: after each transaction of commands that committed (app.ts times the WAL's idle checkpoint from it). */
  constructor(
    private readonly core: ServerCore,
    committed?: () => void,
  ) {
    this.processed = new ProcessedRequests(core.ctx.db);
    this.commits = new GroupCommit(core.ctx.db, () => core.live.state, (commit) => core.live.applyCommitted(commit), committed);
  }

  /**
   * Every event a client sends, once it passed its socket's rate limit and has the shape of a command (one
   * payload, then the ack: realtime/socket-server.ts). An event the protocol does not know is refused. Never
   * throws and never rejects: every outcome becomes an ack, when the client asked for one.
   */
  receive(socket: TypedSocket, event: string, payload: unknown, ack: unknown): Promise<void> {
    const reply = (response: Result<unknown>) => answer(ack, response);
    if (event === 'sync:request') return this.sync(socket, payload, reply);
    if (event === 'rating:submit') return this.rate(socket, payload, reply);
    if (isQueueCommand(event)) return this.handle(socket, event, payload, reply);
    reply(fail('BAD_REQUEST', `Unknown event ${event.slice(0, 40)}`));
    return Promise.resolve();
  }

  /** A queue command, through idempotency and the rules. */
  private handle<K extends QueueCommandName>(socket: TypedSocket, name: K, payload: unknown, reply: Ack<K>): Promise<void> {
    return this.answer(name, reply, async () =>
      this.once(originOf(socket), name, this.checked(socket, name, payload), socket.data.principal, actorOf(socket.data.principal), 'kiosk'),
    );
  }

  /**
   * A ticket taken from a phone outside the branch (remote join, over HTTP): the kiosk's own path — the
   * same idempotency, rules, numbering, transaction and broadcasts — as the phone's own actor (its device key),
   * with the remote channel. The caller checked the join's limits and its proof of work.
   */
  async issueRemote(payload: ParsedCommand<'ticket:issue'>, deviceKey: string, origin: RequestOrigin): Promise<Result<IssuedTicket>> {
    return this.overHttp('ticket:issue', payload, `remote:${deviceKey}`, 'remote', origin);
  }

  /**
   * An appointment's check-in from the customer's phone in the branch (over HTTP): the kiosk's check-in path with
   * no printer — the same idempotency, rules, transaction and broadcasts — as the phone's own actor (its address).
   * The caller checked that the phone is in the branch and that its code is a booking's.
   */
  async checkInFromPhone(payload: ParsedCommand<'appointment:checkIn'>, addressKey: string, origin: RequestOrigin): Promise<Result<IssuedTicket>> {
    return this.overHttp('appointment:checkIn', payload, `phone:${addressKey}`, 'kiosk', origin);
  }

  /** A ticket command from a public HTTP route (no socket): answered, then broadcast like any other. */
  private async overHttp<K extends 'ticket:issue' | 'appointment:checkIn'>(
    command: K,
    payload: ParsedCommand<K>,
    actor: string,
    channel: TicketChannel,
    origin: RequestOrigin,
  ): Promise<Result<IssuedTicket>> {
    const principal: Principal = { kind: 'public', role: 'public', ticketId: '' };
    let outcome: Outcome<K>;
    try {
      outcome = await this.once(origin, command, payload, principal, actor, channel);
    } catch (error) {
      if (!(error instanceof Refusal)) this.core.ctx.logger.error({ err: error, command }, 'a public ticket request failed unexpectedly');
      return toFailure(error);
    }
    try {
      outcome.after?.();
    } catch (error) {
      this.core.ctx.logger.error({ err: error, command }, 'broadcast failed');
    }
    return outcome.result;
  }

  /** sync:request: this client's snapshot again (after a gap in broadcast sequence numbers). */
  private sync(socket: TypedSocket, payload: unknown, reply: Ack<'sync:request'>): Promise<void> {
    return this.answer('sync:request', reply, async () => {
      this.checked(socket, 'sync:request', payload);
      // Built at most once per socket at a time, and shared with every socket of the same view (snapshot-cache).
      return { result: ok(await this.core.snapshots.coalesced(socket.data.flow, socket.data.principal)), after: null };
    });
  }

  /**
   * rating:submit from a counter's rating screen: once per (screen, requestId) like any command, a retry answered
   * from the stored ack; the rating itself and who may give it are counter-rating.ts's.
   */
  private rate(socket: TypedSocket, payload: unknown, reply: Ack<'rating:submit'>): Promise<void> {
    return this.answer('rating:submit', reply, async () => {
      const data = this.checked(socket, 'rating:submit', payload);
      const { principal } = socket.data;
      if (principal.kind !== 'device') throw new Refusal('FORBIDDEN', 'Only a counter rating screen rates here');
      const actor = actorOf(principal);
      const hash = payloadHash('rating:submit', data);
      const stored = this.processed.find<Reply<'rating:submit'>>(actor, data.requestId);
      if (stored) {
        if (stored.command !== 'rating:submit' || stored.payloadHash !== hash) throw new Refusal('CONFLICT', 'This requestId was already used for a different request');
        return { result: stored.response, after: null };
      }
      const { core } = this;
      const result = rateAtCounter(core, principal.deviceId, data.promptId, data.score, (recorded) => {
        if (recorded.ok) this.processed.save(actor, data.requestId, 'rating:submit', hash, recorded, core.ctx.clock(), null);
      });
      return { result, after: null };
    });
  }

  /** Runs a command's work and acks its outcome; a refusal or an unexpected error becomes a failed ack. */
  private async answer<K extends CommandName>(name: K, reply: Ack<K>, work: () => Promise<Outcome<K>>): Promise<void> {
    let after: (() => void) | null = null;
    try {
      const outcome = await work();
      after = outcome.after;
      reply(outcome.result);
    } catch (error) {
      if (!(error instanceof Refusal)) this.core.ctx.logger.error({ err: error, command: name }, 'command failed unexpectedly');
      reply(toFailure(error));
    }
    // Broadcast after the ack: the sender hears first, and a failing broadcast cannot cost the ack.
    try {
      after?.();
    } catch (error) {
      this.core.ctx.logger.error({ err: error, command: name }, 'broadcast failed');
    }
  }

  /** The checks every command passes first: a live session, a role that may send it, a payload its schema accepts. */
  private checked<K extends CommandName>(socket: TypedSocket, command: K, raw: unknown): ParsedCommand<K> {
    const { ctx } = this.core;
    const principal = socket.data.principal;
    if (!stillValid(ctx.db, principal, ctx.clock())) {
      socket.emit('session:ended', { reason: 'Your session ended; sign in again' });
      setImmediate(() => socket.disconnect(true));
      throw new Refusal('UNAUTHENTICATED', 'Your session ended; sign in again');
    }
    if (!COMMAND_ROLES[command].includes(principal.role)) throw new Refusal('FORBIDDEN', `A ${principal.role} may not send ${command}`);
    const parsed = parseCommand(command, raw);
    if (!parsed.success) throw new Refusal('BAD_REQUEST', describeIssues(parsed.error));
    return parsed.data;
  }

  /** A requestId is applied at most once per actor: a replay gets the first answer, another request under it CONFLICT. */
  private async once<K extends QueueCommandName>(
    origin: RequestOrigin,
    command: K,
    data: ParsedCommand<K>,
    principal: Principal,
    actor: string,
    channel: TicketChannel,
  ): Promise<Outcome<K>> {
    const key = `${actor}\n${data.requestId}`;
    const hash = payloadHash(command, data);
    const identity = `${command}\n${hash}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      if (pending.identity !== identity) throw new Refusal('CONFLICT', 'This requestId was already used for a different request');
      return { result: await resultOf(pending, command), after: null };
    }
    const stored = this.processed.find<Reply<K>>(actor, data.requestId);
    if (stored) {
      if (`${stored.command}\n${stored.payloadHash}` !== identity)
        throw new Refusal('CONFLICT', 'This requestId was already used for a different request');
      const replay = COMMAND_HANDLERS[command].replay;
      if (!replay || !stored.response.ok) return { result: stored.response, after: null };
      // As it stands now (a ticket's print job); a second retry meanwhile waits for the same answer.
      const result = replay(stored.response.data, this.core.printing, this.core.live.state.config).then((data) => ok(data), toFailure);
      this.inFlight.set(key, { identity, result });
      try {
        return { result: await result, after: null };
      } finally {
        this.inFlight.delete(key);
      }
    }
    const work = this.execute(origin, command, data, { principal, actor, channel }, hash);
    this.inFlight.set(key, { identity, result: work.then((r) => r.result, toFailure) });
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async execute<K extends QueueCommandName>(
    origin: RequestOrigin,
    command: K,
    data: ParsedCommand<K>,
    { principal, actor, channel }: { principal: Principal; actor: string; channel: TicketChannel },
    hash: string,
  ): Promise<Outcome<K>> {
    const handler = COMMAND_HANDLERS[command];
    const { ctx, live, rules, store, printing } = this.core;
    const prechecked = handler.precheck ? await handler.precheck({ principal, state: live.state }, printing, ctx, data) : ok(NOTHING_PREPARED);
    if (!prechecked.ok) throw new Refusal(prechecked.error.code, prechecked.error.message);
    const prepared = prechecked.data;

    const now = ctx.clock();
    const written = await this.commits.write((before): Written<Reply<K>, PersistedCommit> => {
      const rule = handler.toRule(data, { principal, state: before, channel }, prepared);
      const decided = rules.decide(before, rule, { now, newId: ctx.newId });
      if (!decided.ok) return { value: this.explained(this.withHolderName(decided, before, handler.counterId(data)), rule), commit: null };
      const commit = store.persist(before, decided.data, rules.applyEvent);
      const result = ok(handler.reply(data, this.committed(origin, command, commit), prepared));
      handler.withinCommit?.(result.data, prepared, printing, now, ctx);
      this.processed.save(actor, data.requestId, command, hash, result, now, commit);
      return { value: result, commit };
    });
    const { value: result, commit, applied: calls } = written;
    if (!commit || !calls) return { result, after: null };
    const broadcast = () => this.broadcast(commit, calls);

    if (handler.afterCommit && result.ok) {
      // Staff and displays need not wait for the paper: broadcast now, ack once the printer has answered.
      broadcast();
      return { result: ok(await handler.afterCommit(result.data, prepared, printing, live.state.config)), after: null };
    }
    return { result, after: broadcast };
  }

  /**
   * The day boundary: closes the tickets still waiting from earlier business days (the rules' closeEarlierDays)
   * in a group commit like a command's, then tells staff and those tickets' status pages. Returns how many it
   * closed; with none to close (almost always) it writes nothing.
   */
  async closeEarlierDays(): Promise<number> {
    const { ctx, live, rules, store } = this.core;
    const now = ctx.clock();
    if (live.state.tickets.index().waitingDaysBefore(currentBusinessDay(live.state.config, now)).length === 0) return 0;
    const written = await this.commits.write((before): Written<number, PersistedCommit> => {
      const decided = rules.decide(before, { type: 'closeEarlierDays' }, { now, newId: ctx.newId });
      if (!decided.ok || decided.data.length === 0) return { value: 0, commit: null };
      return { value: decided.data.length, commit: store.persist(before, decided.data, rules.applyEvent) };
    });
    if (written.commit && written.applied) this.broadcast(written.commit, written.applied);
    return written.value;
  }

  /**
   * A cancel of a ticket that already left the queue: the rules no longer hold it (NOT_FOUND), but staff are told
   * what became of it, such as closed by the day boundary, rather than that there is no such ticket.
   */
  private explained(refusal: Failure, rule: Command): Failure {
    if (refusal.error.code !== 'NOT_FOUND' || rule.type !== 'cancel') return refusal;
    const ticket = findTicket(this.core, rule.ticketId);
    if (!ticket || ticket.state === 'waiting') return refusal;
    const dayEnded = ticket.state === 'cancelled' && closedAtDayEnd(this.core.ctx.db, ticket.id);
    return fail(
      'INVALID_STATE',
      dayEnded
        ? `${ticket.displayNumber} is already closed: it was still waiting when its business day (${ticket.businessDay}) ended.`
        : `${ticket.displayNumber} is no longer waiting: it is ${ticket.state.replace('_', '-')}.`,
    );
  }

  /**
   * The rules know tellers by id only; a teller refused a taken counter is told who holds it by the name
   * staff know them by, as the counter views show it.
   */
  private withHolderName(refusal: Failure, state: QueueState, counterId: string | null): Failure {
    if (refusal.error.code !== 'COUNTER_TAKEN') return refusal;
    const counter = state.config.counters.find((c) => c.id === counterId);
    const holder = counterId === null ? null : (state.counters[counterId]?.tellerId ?? null);
    const name = holder === null ? undefined : (userName(this.core.ctx.db, holder) ?? undefined);
    return counter && name ? fail('COUNTER_TAKEN', `${counter.name} is taken by ${name}`) : refusal;
  }

  /** What a command's reply is built from: its commit, and the address its status page is reached at. */
  private committed(origin: RequestOrigin, command: QueueCommandName, commit: PersistedCommit): Committed {
    const { ctx } = this.core;
    const ticket = () => {
      const written = [...commit.records].reverse().find((r) => r.ticket)?.ticket;
      if (!written) throw new Error(`${command} committed no ticket event`);
      return written;
    };
    return {
      ticket: () => ({ ticket: ticket() }),
      counter: (counterId) => ({ counter: counterView(this.core, commit.after, counterId) }),
      issued: () => {
        const issued = ticket();
        const base = ctx.config().branch.publicUrl ?? statusOrigin(ctx, origin.host, origin.secure);
        // Appended, not resolved: a publicUrl behind a reverse proxy may carry a path prefix.
        return issuedAnswer(issued, base.replace(/\/+$/, '') + statusPathOf(issued.id), { status: 'by-device' });
      },
    };
  }

  private broadcast(commit: PersistedCommit, calls: ReturnType<ServerCore['live']['applyCommitted']>): void {
    const { broadcaster } = this.core.ctx;
    // A counter changed by a call rides on the call's message: staff and displays get one message per call.
    const changedCounters = new Set(commit.counters.map((c) => c.counterId));
    let ticketsChanged = false;
    for (const record of commit.records) {
      const ticket: Ticket | null = record.ticket;
      if (!ticket) continue;
      ticketsChanged = true;
      const type: DomainEvent['type'] = record.event.type;
      if (type === 'ticket.issued') broadcaster.send('ticket:issued', { ticket }, AUDIENCE.ticketChanges);
      else if (type === 'ticket.called' || type === 'ticket.recalled') {
        const call = calls.find((c) => c.callId === String(record.rowId));
        if (!call) continue;
        const counter = changedCounters.delete(call.counterId) ? counterView(this.core, commit.after, call.counterId) : undefined;
        broadcaster.send('ticket:called', counter ? { call, counter } : { call }, AUDIENCE.callDisplays);
        broadcaster.send('ticket:called', counter ? { call, ticket, counter } : { call, ticket }, AUDIENCE.callStaff);
        // The status page gets the call without the counter's view, which names the teller.
        broadcaster.send('ticket:called', { call, ticket }, [ticketRoom(ticket.id)]);
      } else broadcaster.send('ticket:updated', { ticket }, [...AUDIENCE.ticketChanges, ticketRoom(ticket.id)]);
    }
    for (const counterId of changedCounters) {
      broadcaster.send('counter:updated', { counter: counterView(this.core, commit.after, counterId) }, AUDIENCE.counters);
    }
    if (ticketsChanged || commit.counters.length > 0) broadcaster.queueChanged();
    promptAfterCommit(this.core, commit);
  }
}
