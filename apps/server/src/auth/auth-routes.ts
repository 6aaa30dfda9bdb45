import { Router } from 'express';
import { fail, LoginRoute, LogoutRoute, ok } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { serveRoute } from '../http/typed-route';
import { AttemptThrottle, retryMessage } from '../security/throttle';
import { bearerToken } from './http-auth';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { createSession, revokeSession } from './sessions';
import { hashToken } from './tokens';
import { findUserByUsername } from './users';
import { pairingRoutes } from './pairing-routes';

/**
 * Sign-in throttling: a user name gets 5 free failures, an address 20 (several tellers may share a
 * PC), then each further failure doubles the wait from 1 s up to 15 min. Quiet for 15 min: forgiven.
 */
const USER_THROTTLE = { freeAttempts: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };
const ADDRESS_THROTTLE = { ...USER_THROTTLE, freeAttempts: 20 };

/** POST /api/auth/login → {token, expiresAt, user}; POST /api/auth/logout revokes the bearer's session. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const byUser = new AttemptThrottle(USER_THROTTLE, ctx.clock);
  const byAddress = new AttemptThrottle(ADDRESS_THROTTLE, ctx.clock);
  serveRoute(router, ctx.auth, LoginRoute, async ({ body }, req) => {
    const userKey = body.username.toLowerCase();
    const addressKey = req.ip ?? 'unknown';
    // Checked before the password hash is computed, so a flood of guesses costs the server nothing.
    const wait = Math.max(byUser.waitMs(userKey), byAddress.waitMs(addressKey));
    if (wait > 0) {
      ctx.logger.info({ event: 'login_throttled' }, 'login throttled');
      return fail('RATE_LIMITED', retryMessage('failed sign-ins', wait), wait);
    }
    const user = findUserByUsername(ctx.db, body.username);
    // The same work whether or not the user exists, so timing does not reveal user names.
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), body.password);
    if (!user || !valid || user.disabled) {
      byUser.failed(userKey);
      byAddress.failed(addressKey);
      ctx.logger.info({ event: 'login_failed' }, 'login failed');
      return fail('UNAUTHENTICATED', 'Wrong username or password');
    }
    byUser.succeeded(userKey);
    const session = createSession(ctx.db, user.id, ctx.clock());
    ctx.logger.info({ event: 'login', userId: user.id }, 'signed in');
    return ok({ token: session.token, expiresAt: session.expiresAt, user: { id: user.id, name: user.name, role: user.role } });
  });
  serveRoute(router, ctx.auth, LogoutRoute, (_request, req) => {
    const token = bearerToken(req);
    if (!token) return fail('UNAUTHENTICATED', 'No session');
    const tokenHash = hashToken(token);
    revokeSession(ctx.db, tokenHash, ctx.clock());
    ctx.auth.endConnections((p) => p.kind === 'user' && p.tokenHash === tokenHash, 'Signed out');
    return ok({ ok: true });
  });
  router.use(pairingRoutes(ctx));
  return router;
}
