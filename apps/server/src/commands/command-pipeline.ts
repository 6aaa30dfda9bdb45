import type { Socket } from 'socket.io';
import {
  COMMAND_ROLES,
  CommandSchemas,
  fail,
  ok,
  printerBlocksIssue,
  type ClientToServerEvents,
  type CallView,
  type CommandName,
  type DomainEvent,
  type ErrorCode,
  type Failure,
  type IssuedTicket,
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
import { AUDIENCE, ticketRoom } from '../realtime/rooms';
import { buildSnapshot, counterView } from '../realtime/snapshot';
import type { PersistedCommit } from '../store/event-store';
import { GroupCommit, type Written } from './group-commit';
import { payloadHash, ProcessedRequests } from './processed-requests';
import { counterOf, toRuleCommand, type QueueCommandName } from './to-rule-command';

export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AnyResult = Result<unknown>;
type Ack = (response: AnyResult) => void;

/** A refusal that ends the pipeline with this code: nothing was changed. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The ack of a command that failed: its refusal, or INTERNAL for anything unexpected (logged by handle()). */
function toFailure(error: unknown): Failure {
  return error instanceof Refusal ? fail(error.code, error.message) : fail('INTERNAL', 'Something went wrong on the server; please try again');
}

const COUNTER_COMMANDS = new Set<CommandName>(['counter:signIn', 'counter:pause', 'counter:resume', 'counter:signOut']);

/**
 * The one path of every client command: parse → authorise → idempotency → decide + persist in its own
 * savepoint of the IMMEDIATE transaction it shares with the commands of the same event-loop turn (group-commit)
 * → apply to memory → ack → broadcast. Handlers elsewhere never change the queue.
 */
export class CommandPipeline {
  private readonly processed: ProcessedRequests;
  /** Requests being processed now, so a retry that arrives meanwhile waits for the same answer. */
  private readonly inFlight = new Map<string, { identity: string; result: Promise<AnyResult> }>();

  private readonly commits: GroupCommit<QueueState, PersistedCommit, CallView[]>;

  constructor(private readonly core: ServerCore) {
    this.processed = new ProcessedRequests(core.ctx.db);
    this.commits = new GroupCommit(core.ctx.db, () => core.live.state, (commit) => core.live.applyCommitted(commit));
  }

  /** Never throws and never rejects: every outcome becomes an ack. */
  async handle(socket: TypedSocket, name: string, payload: unknown, ack: unknown): Promise<void> {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
    let after: (() => void) | null = null;
    try {
      const outcome = await this.run(socket, name, payload);
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

  private async run(socket: TypedSocket, name: string, raw: unknown): Promise<{ result: AnyResult; after: (() => void) | null }> {
    const { ctx } = this.core;
    if (!Object.hasOwn(CommandSchemas, name)) throw new Refusal('BAD_REQUEST', `Unknown event ${name.slice(0, 40)}`);
    const command = name as CommandName;
    const principal = socket.data.principal;
    if (!stillValid(ctx.db, principal, ctx.clock())) {
      socket.emit('session:ended', { reason: 'Your session ended; sign in again' });
      setImmediate(() => socket.disconnect(true));
      throw new Refusal('UNAUTHENTICATED', 'Your session ended; sign in again');
    }
    if (!COMMAND_ROLES[command].includes(principal.role)) throw new Refusal('FORBIDDEN', `A ${principal.role} may not send ${command}`);
    const parsed = CommandSchemas[command].safeParse(raw);
    if (!parsed.success) throw new Refusal('BAD_REQUEST', describeIssues(parsed.error));
    const data = parsed.data as Record<string, unknown> & { requestId: string };
    if (command === 'sync:request') return { result: ok(buildSnapshot(this.core, principal)), after: null };

    const actor = actorOf(principal);
    const key = `${actor}\n${data.requestId}`;
    const hash = payloadHash(command, data);
    const identity = `${command}\n${hash}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      if (pending.identity !== identity) throw new Refusal('CONFLICT', 'This requestId was already used for a different request');
      return { result: await pending.result, after: null };
    }
    const stored = this.processed.find(actor, data.requestId);
    if (stored) {
      if (`${stored.command}\n${stored.payloadHash}` !== identity)
        throw new Refusal('CONFLICT', 'This requestId was already used for a different request');
      return { result: stored.response as AnyResult, after: null };
    }
    const work = this.execute(socket, command as QueueCommandName, data, principal, actor, hash);
    const result = work.then((r) => r.result, toFailure);
    this.inFlight.set(key, { identity, result });
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async execute(
    socket: TypedSocket,
    command: QueueCommandName,
    data: Record<string, unknown> & { requestId: string },
    principal: Principal,
    actor: string,
    hash: string,
  ): Promise<{ result: AnyResult; after: (() => void) | null }> {
    const { ctx, live, rules, store, printing } = this.core;
    if (command === 'ticket:issue' && principal.kind === 'device') {
      const health = await printing.check(principal.deviceId);
      if (printerBlocksIssue(health))
        throw new Refusal('PRINTER_UNAVAILABLE', 'The ticket printer is not ready; please ask a member of staff');
    }

    const now = ctx.clock();
    const written = await this.commits.write((before): Written<AnyResult, PersistedCommit> => {
      const decided = rules.decide(before, toRuleCommand(command, data as never, principal, before), { now, newId: ctx.newId });
      if (!decided.ok) return { value: this.withHolderName(decided, before, data), commit: null };
      const commit = store.persist(before, decided.data, rules.applyEvent);
      const result = ok(this.responseData(socket, command, data, commit));
      this.processed.save(actor, data.requestId, command, hash, result, now);
      return { value: result, commit };
    });
    const { value: result, commit, applied: calls } = written;
    if (!commit || !calls) return { result, after: null };
    const broadcast = () => this.broadcast(commit, calls);

    if (command === 'ticket:issue' && principal.kind === 'device' && result.ok) {
      // Staff and displays need not wait for the paper: broadcast now, ack once the print is done.
      broadcast();
      const issued = result.data as IssuedTicket;
      const { print: _print, ...toPrint } = issued;
      const outcome = await printing.print(principal.deviceId, toPrint, live.state.config);
      const printed = ok({ ...issued, print: outcome });
      // The stored answer already says 'by-device'; only a print the server made changes what a retry hears
      // (and skipping the write spares every self-printing kiosk a second commit before its ack).
      if (outcome.status !== issued.print.status) this.processed.update(actor, data.requestId, printed);
      return { result: printed, after: null };
    }
    return { result, after: broadcast };
  }

  /**
   * The rules know tellers by id only; a teller refused a taken counter is told who holds it by the name
   * staff know them by, as the counter views show it.
   */
  private withHolderName(refusal: Failure, state: QueueState, data: Record<string, unknown>): Failure {
    if (refusal.error.code !== 'COUNTER_TAKEN') return refusal;
    const counterId = counterOf(data);
    const counter = state.config.counters.find((c) => c.id === counterId);
    const holder = counterId === null ? null : (state.counters[counterId]?.tellerId ?? null);
    const name = holder === null ? undefined : (userName(this.core.ctx.db, holder) ?? undefined);
    return counter && name ? fail('COUNTER_TAKEN', `${counter.name} is taken by ${name}`) : refusal;
  }

  private responseData(socket: TypedSocket, command: QueueCommandName, data: Record<string, unknown>, commit: PersistedCommit): unknown {
    const { ctx } = this.core;
    if (COUNTER_COMMANDS.has(command)) {
      return { counter: counterView(this.core, commit.after, counterOf(data) ?? '') };
    }
    const ticket = [...commit.records].reverse().find((r) => r.ticket)?.ticket;
    if (!ticket) throw new Error(`${command} committed no ticket event`);
    if (command !== 'ticket:issue') return { ticket };
    const statusPath = `/t/${ticket.id}`;
    const base = ctx.config().branch.publicUrl ?? requestOrigin(socket);
    const issued: IssuedTicket = {
      ticket,
      peopleAhead: ticket.peopleAheadAtIssue,
      estimatedWaitMin: ticket.estimatedWaitMin,
      statusPath,
      // Appended, not resolved: a publicUrl behind a reverse proxy may carry a path prefix.
      statusUrl: base.replace(/\/+$/, '') + statusPath,
      print: { status: 'by-device' },
    };
    return issued;
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
        broadcaster.send('ticket:called', counter ? { call, ticket, counter } : { call, ticket }, AUDIENCE.calls);
        // The status page gets the call without the counter's view, which names the teller.
        broadcaster.send('ticket:called', { call, ticket }, [ticketRoom(ticket.id)]);
      } else broadcaster.send('ticket:updated', { ticket }, [...AUDIENCE.ticketChanges, ticketRoom(ticket.id)]);
    }
    for (const counterId of changedCounters) {
      broadcaster.send('counter:updated', { counter: counterView(this.core, commit.after, counterId) }, AUDIENCE.counters);
    }
    if (ticketsChanged || commit.counters.length > 0) broadcaster.queueChanged();
  }
}

function requestOrigin(socket: TypedSocket): string {
  const host = socket.handshake.headers.host ?? 'localhost';
  return `${socket.handshake.secure ? 'https' : 'http'}://${host}`;
}
