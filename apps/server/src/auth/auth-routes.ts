import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { describeIssues, sendError } from '../http/http-errors';
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

const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

/** POST /api/auth/login → {token, expiresAt, user}; POST /api/auth/logout revokes the bearer's session. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const byUser = new AttemptThrottle(USER_THROTTLE, ctx.clock);
  const byAddress = new AttemptThrottle(ADDRESS_THROTTLE, ctx.clock);
  router.post('/api/auth/login', async (req, res) => {
    const body = LoginRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const userKey = body.data.username.toLowerCase();
    const addressKey = req.ip ?? 'unknown';
    // Checked before the password hash is computed, so a flood of guesses costs the server nothing.
    const wait = Math.max(byUser.waitMs(userKey), byAddress.waitMs(addressKey));
    if (wait > 0) {
      ctx.logger.info({ event: 'login_throttled' }, 'login throttled');
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return sendError(res, 'RATE_LIMITED', retryMessage('failed sign-ins', wait));
    }
    const user = findUserByUsername(ctx.db, body.data.username);
    // The same work whether or not the user exists, so timing does not reveal user names.
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), body.data.password);
    if (!user || !valid || user.disabled) {
      byUser.failed(userKey);
      byAddress.failed(addressKey);
      ctx.logger.info({ event: 'login_failed' }, 'login failed');
      return sendError(res, 'UNAUTHENTICATED', 'Wrong user name or password');
    }
    byUser.succeeded(userKey);
    const session = createSession(ctx.db, user.id, ctx.clock());
    ctx.logger.info({ event: 'login', userId: user.id }, 'signed in');
    res.json({ token: session.token, expiresAt: session.expiresAt, user: { id: user.id, name: user.name, role: user.role } });
  });
  router.post('/api/auth/logout', (req, res) => {
    const token = bearerToken(req);
    if (!token) return sendError(res, 'UNAUTHENTICATED', 'No session');
    const tokenHash = hashToken(token);
    revokeSession(ctx.db, tokenHash, ctx.clock());
    ctx.auth.endConnections((p) => p.kind === 'user' && p.tokenHash === tokenHash, 'Signed out');
    res.json({ ok: true });
  });
  router.use(pairingRoutes(ctx));
  return router;
}
