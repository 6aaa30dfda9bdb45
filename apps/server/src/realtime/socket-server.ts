import { HandshakeAuthSchema, PROTOCOL_VERSION, type ErrorCode } from '@rinda/shared';
import { authenticateToken } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { CommandPipeline, TypedSocket } from '../commands/command-pipeline';
import type { ServerCore } from '../core';
import { roleRoom, ticketRoom } from './rooms';
import { buildSnapshot, findTicket } from './snapshot';

/** socket.io's way to refuse a connection: the client gets `connect_error` with this message and data. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * Authenticates each connection from its handshake `auth` (never the URL), puts it in its rooms, sends
 * its snapshot and routes every command to the pipeline, which authorises each event again.
 */
export function attachSocketServer(core: ServerCore, pipeline: CommandPipeline): void {
  const { ctx } = core;
  const io = ctx.io;

  io.use((socket, next) => {
    try {
      const refused = authenticateHandshake(core, socket.handshake.auth, (principal) => (socket.data.principal = principal));
      next(refused ?? undefined);
    } catch (error) {
      ctx.logger.error({ err: error }, 'handshake failed');
      next(refusal('INTERNAL', 'The server could not check your credentials; please try again'));
    }
  });

  io.on('connection', (socket: TypedSocket) => {
    const principal = socket.data.principal;
    void socket.join(roleRoom(principal.role));
    if (principal.kind === 'public') void socket.join(ticketRoom(principal.ticketId));
    if (principal.kind === 'device') deviceSeen(core, principal.deviceId, true);

    // Every event goes to the pipeline, which parses it: one the protocol does not know still gets an answer.
    socket.onAny((event: string, ...args: unknown[]) => void pipeline.receive(socket, String(event), args));
    socket.on('disconnect', () => {
      if (principal.kind === 'device') deviceSeen(core, principal.deviceId, false);
    });
    try {
      socket.emit('snapshot', buildSnapshot(core, principal));
    } catch (error) {
      ctx.logger.error({ err: error }, 'snapshot failed');
      socket.disconnect(true);
    }
  });
}

/** Returns the refusal for bad credentials, or null after handing over who connected. */
function authenticateHandshake(core: ServerCore, raw: unknown, accept: (principal: Principal) => void): Error | null {
  const { ctx } = core;
  const auth = (raw ?? {}) as Record<string, unknown>;
  if (auth.protocolVersion !== PROTOCOL_VERSION)
    return refusal('PROTOCOL_MISMATCH', `This server speaks protocol version ${PROTOCOL_VERSION}; please reload the app`);
  const parsed = HandshakeAuthSchema.safeParse(auth);
  if (!parsed.success) return refusal('UNAUTHENTICATED', 'Malformed credentials');
  const { token, ticketId } = parsed.data;
  let principal: Principal | null = null;
  if (token) principal = authenticateToken(ctx.db, token, ctx.clock());
  else if (ticketId && findTicket(core, ticketId)) principal = { kind: 'public', role: 'public', ticketId };
  if (!principal) return refusal('UNAUTHENTICATED', token ? 'Unknown, expired or revoked credentials' : 'Sign in first');
  accept(principal);
  return null;
}

/** Keeps `last_seen_at` and the manager's device list current as devices come and go; never throws. */
function deviceSeen(core: ServerCore, deviceId: string, connected: boolean): void {
  const changed = connected ? core.presence.connected(deviceId) : core.presence.disconnected(deviceId);
  try {
    if (!core.ctx.db.open) return;
    core.ctx.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(core.ctx.clock(), deviceId);
    if (changed) core.ctx.devices.announce(deviceId);
  } catch (error) {
    core.ctx.logger.error({ err: error, deviceId }, 'could not record device presence');
  }
}
