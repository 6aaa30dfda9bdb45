import type { IncomingMessage } from 'node:http';
import { fail, HandshakeAuthSchema, PROTOCOL_VERSION, type ErrorCode, type Failure, type HandshakeAuth } from '@rinda/shared';
import { authenticateToken } from '../auth/authenticate';
import { hashToken } from '../auth/tokens';
import type { Principal } from '../auth/principal';
import { answer, type CommandPipeline, type TypedSocket } from '../commands/command-pipeline';
import type { ServerCore } from '../core';
import { commitWithoutSync } from '../db/database';
import { cachedStatement } from '../db/statement-cache';
import { EventGuard, LeftGuards } from './event-guard';
import { dropConnection, watchOutgoing } from './outgoing-limit';
import { ratingPrompt } from '../ratings/counter-rating';
import { counterOfRatingScreen } from '../ratings/rating-screens';
import { ratingRoom, roleRoom, ticketRoom } from './rooms';
import { findTicket } from './snapshot';

/** socket.io's way to refuse a connection: the client gets `connect_error` with this message and data. */
function refusal(code: ErrorCode, message: string, retryAfterMs?: number): Error & { data: { code: ErrorCode; retryAfterMs?: number } } {
  return Object.assign(new Error(message), { data: retryAfterMs === undefined ? { code } : { code, retryAfterMs } });
}

/** How long a cut-off client has to close its connection itself before the server drops it. */
const CUT_OFF_GRACE_MS = 500;

const addressOf = (address: string | undefined): string => address ?? 'unknown';

const tooManyRequests = (waitMs: number) => `Too many requests; try again in ${Math.max(0.1, waitMs / 1000).toFixed(1)} s`;

function rateLimited(waitMs: number): Failure {
  return fail('RATE_LIMITED', tooManyRequests(waitMs), waitMs);
}

/**
 * socket.io's `allowRequest` step of the connection limits: the transport handshake of every new
 * connection (before any credential), after `first` (the origin check).
 */
export function transportGate(core: Pick<ServerCore, 'gate'>, first: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    first(req, (err, success) => {
      if (!success) return callback(err, false);
      const refused = core.gate.admitTransport(addressOf(req.socket.remoteAddress), performance.now());
      callback(refused?.message ?? null, refused === null);
    });
  };
}

/**
 * Authenticates each connection from its handshake `auth` (never the URL), applies the connection limits,
 * puts it in its rooms, sends its snapshot and hands every event to the pipeline (which authorises each
 * one again) once it passed the socket's rate limit and has the shape of a command.
 */
export function attachSocketServer(core: ServerCore, pipeline: CommandPipeline): void {
  const { ctx, gate, limits, snapshots } = core;
  const io = ctx.io;
  const leftGuards = new LeftGuards();

  io.engine.on('connection', (conn: TypedSocket['conn']) => {
    const address = addressOf(conn.remoteAddress);
    gate.transportOpened(address);
    conn.once('close', () => gate.transportClosed(address));
  });

  io.use((socket, next) => {
    try {
      const auth = parseHandshake(socket.handshake.auth);
      if (auth instanceof Error) return next(auth);
      // The limits before the credentials are looked up: a credential cut off for flooding costs no query.
      // A credential is known across its sockets by its token's hash, or a status page's ticket.
      const now = performance.now();
      const credential = auth.token ? `token:${hashToken(auth.token)}` : `ticket:${auth.ticketId ?? ''}`;
      const refused = gate.admitSocket(addressOf(socket.handshake.address), credential, now);
      if (refused) return next(refusal('RATE_LIMITED', refused.message, refused.retryAfterMs));
      // A reconnection continues the budget its credential's last socket left, and pays one event for its
      // handshake, credentials and snapshot: a reconnect loop cannot buy a fresh burst.
      const left = leftGuards.take(credential, now);
      const wait = left?.admit(now, false) ?? 0;
      if (left && wait > 0) {
        if (left.exhausted) gate.coolDown(credential, now);
        else leftGuards.keep(credential, left, now);
        return next(refusal('RATE_LIMITED', tooManyRequests(wait), wait));
      }
      const principal = authenticateHandshake(core, auth);
      if (principal instanceof Error) {
        if (left) leftGuards.keep(credential, left, now);
        return next(principal);
      }
      const rates = { events: limits.socketEvents[principal.role], commands: limits.socketCommands[principal.role] };
      const guard = left && left.rates.events === rates.events && left.rates.commands === rates.commands ? left : new EventGuard(rates, limits, now);
      // A new guard pays for its connection too (a left one paid above), so a loop that connects and sends
      // nothing spends its credential's budget as one that sends.
      if (guard !== left) guard.admit(now, false);
      socket.data.principal = principal;
      socket.data.flow = { guard, pendingSnapshot: null, credential };
      next();
    } catch (error) {
      ctx.logger.error({ err: error }, 'handshake failed');
      next(refusal('INTERNAL', 'The server could not check your credentials; please try again'));
    }
  });

  io.on('connection', (socket: TypedSocket) => {
    const { principal, flow } = socket.data;
    const address = addressOf(socket.handshake.address);
    gate.socketOpened(address, flow.credential);
    socket.on('disconnect', () => {
      gate.socketClosed(address, flow.credential);
      // A socket cut off for flooding is answered by the cool-down instead; after it the credential starts afresh.
      if (!flow.guard.exhausted) leftGuards.keep(flow.credential, flow.guard, performance.now());
      if (principal.kind === 'device') deviceSeen(core, principal.deviceId, false);
    });
    watchOutgoing(socket.conn, limits.outgoingBufferBytes, () => {
      ctx.logger.warn({ event: 'socket_output_overflow', role: principal.role, limitBytes: limits.outgoingBufferBytes }, 'dropped a connection that did not read what it was sent');
      dropConnection(socket.conn);
    });
    void socket.join(roleRoom(principal.role));
    if (principal.kind === 'public') void socket.join(ticketRoom(principal.ticketId));
    const ratingCounter = principal.role === 'rating' ? counterOfRatingScreen(ctx.db, principal.deviceId) : null;
    if (ratingCounter !== null) void socket.join(ratingRoom(ratingCounter));
    if (principal.kind === 'device') deviceSeen(core, principal.deviceId, true);

    // Every event, known or not, is answered here; socket.io's own dispatch to listeners is never needed.
    socket.use((packet) => dispatch(core, pipeline, socket, packet));
    try {
      socket.emit('snapshot', snapshots.get(principal));
      if (ratingCounter !== null) socket.emit('rating:prompt', { prompt: ratingPrompt(core, ratingCounter) });
    } catch (error) {
      ctx.logger.error({ err: error }, 'snapshot failed');
      socket.disconnect(true);
    }
  });
}

/**
 * One incoming event: `[name, ...arguments, ack?]` as socket.io hands it over (it appends the ack function
 * when the client asked for one). First the socket's rate limits (every event; commands apart from
 * `sync:request` also the smaller command budget), O(1) and allocation-free; then the shape
 * of a command, exactly one payload; then the pipeline. Whenever there is an ack, it is answered.
 */
function dispatch(core: ServerCore, pipeline: CommandPipeline, socket: TypedSocket, packet: unknown[]): void {
  if (!socket.connected) return;
  const last = packet[packet.length - 1];
  const hasAck = packet.length > 1 && typeof last === 'function';
  const ack = hasAck ? last : undefined;
  const { flow } = socket.data;
  const wait = flow.guard.admit(performance.now(), packet[0] !== 'sync:request');
  if (wait > 0) {
    answer(ack, rateLimited(wait));
    if (flow.guard.exhausted) cutOff(core, socket);
    return;
  }
  const args = packet.length - (hasAck ? 2 : 1);
  if (args !== 1) {
    answer(ack, fail('BAD_REQUEST', args === 0 ? 'A command needs a payload' : `A command takes one payload and an ack function, not ${args} arguments`));
    return;
  }
  void pipeline.receive(socket, String(packet[0]), packet[1], ack);
}

/** A socket that kept sending past its refusals: closed, and its credential kept out for a while. */
function cutOff(core: ServerCore, socket: TypedSocket): void {
  const { principal, flow } = socket.data;
  core.gate.coolDown(flow.credential, performance.now());
  core.ctx.logger.warn(
    { event: 'socket_flood', role: principal.role, ...(principal.kind === 'user' ? { userId: principal.userId } : principal.kind === 'device' ? { deviceId: principal.deviceId } : {}) },
    'disconnected a socket that kept sending past its rate limit',
  );
  socket.disconnect(true);
  // A socket.io client that reads closes its connection on "io server disconnect" (and does not reconnect);
  // one that goes on sending would have each frame parsed until then, so its connection is dropped.
  setTimeout(() => {
    if (socket.conn.readyState !== 'closed') dropConnection(socket.conn);
  }, CUT_OFF_GRACE_MS).unref();
}

/** The handshake's `auth`, or the refusal of a wrong protocol version or malformed credentials. */
function parseHandshake(raw: unknown): HandshakeAuth | Error {
  const auth = (raw ?? {}) as Record<string, unknown>;
  if (auth.protocolVersion !== PROTOCOL_VERSION)
    return refusal('PROTOCOL_MISMATCH', `This server speaks protocol version ${PROTOCOL_VERSION}; please reload the app`);
  const parsed = HandshakeAuthSchema.safeParse(auth);
  return parsed.success ? parsed.data : refusal('UNAUTHENTICATED', 'Malformed credentials');
}

/** The principal for good credentials, or the refusal for bad ones. */
function authenticateHandshake(core: ServerCore, auth: HandshakeAuth): Principal | Error {
  const { ctx } = core;
  const { token, ticketId } = auth;
  if (token) {
    const authenticated = authenticateToken(ctx.db, token, ctx.clock(), { demo: ctx.demo });
    return authenticated.ok ? authenticated.data : refusal(authenticated.error.code, authenticated.error.message);
  }
  if (ticketId && findTicket(core, ticketId)) return { kind: 'public', role: 'public', ticketId };
  return refusal('UNAUTHENTICATED', 'Sign in first');
}

/** Keeps `last_seen_at` and the manager's device list current as devices come and go; never throws. */
function deviceSeen(core: ServerCore, deviceId: string, connected: boolean): void {
  const changed = connected ? core.presence.connected(deviceId) : core.presence.disconnected(deviceId);
  try {
    if (!core.ctx.db.open) return;
    // Bookkeeping, not worth an fsync on the server's thread at every connect and disconnect (a restart's 50
    // displays reconnecting, a device reconnecting in a loop): a power cut may lose the last `last_seen_at`.
    const { db } = core.ctx;
    commitWithoutSync(db, () => cachedStatement(db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(core.ctx.clock(), deviceId));
    if (changed) core.ctx.devices.announce(deviceId);
  } catch (error) {
    core.ctx.logger.error({ err: error, deviceId }, 'could not record device presence');
  }
}
