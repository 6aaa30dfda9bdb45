import type { AppContext, TypedServer } from '../app-context';
import { stillValid } from '../auth/authenticate';

/** Revocation must reach live connections within 5 s; a sweep every second leaves a wide margin. */
export const SESSION_SWEEP_INTERVAL_MS = 1000;

/**
 * Ends live connections whose credential stopped being valid: a session logged out, revoked or expired,
 * a user disabled, a device revoked. Whoever changes those rows (logout, the manager's admin screens, a
 * script) needs to do nothing more: the socket gets `session:ended` and is disconnected.
 */
export function sweepEndedSessions(io: TypedServer, ctx: AppContext): number {
  const now = ctx.clock();
  const verdicts = new Map<string, boolean>();
  let ended = 0;
  for (const socket of io.sockets.sockets.values()) {
    const principal = socket.data.principal;
    if (!principal || principal.kind === 'public') continue;
    let valid = verdicts.get(principal.tokenHash);
    if (valid === undefined) {
      valid = stillValid(ctx.db, principal, now);
      verdicts.set(principal.tokenHash, valid);
    }
    if (valid) continue;
    ended++;
    socket.emit('session:ended', { reason: 'Your session ended; sign in again' });
    // Let the message leave before the connection closes.
    setImmediate(() => socket.disconnect(true));
  }
  if (ended > 0) ctx.logger.info({ event: 'sessions_ended', connections: ended }, 'closed connections whose credentials ended');
  return ended;
}

/** Sweeps until the app's database is closed (app.close() closes it last), so no separate stop is needed. */
export function watchSessions(io: TypedServer, ctx: AppContext, intervalMs = SESSION_SWEEP_INTERVAL_MS): void {
  const timer: NodeJS.Timeout = setInterval(() => {
    if (!ctx.db.open) return clearInterval(timer);
    try {
      sweepEndedSessions(io, ctx);
    } catch (error) {
      ctx.logger.error({ err: error }, 'session sweep failed');
    }
  }, intervalMs);
  timer.unref();
}
