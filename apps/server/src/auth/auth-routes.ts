import { Router, type RequestHandler } from 'express';
import { ChangePasswordRoute, fail, LoginRoute, LogoutRoute, ok } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { sendError } from '../http/http-errors';
import { serveRoute, type HttpRefusal } from '../http/typed-route';
import { clientAddressKey } from '../security/client-address';
import { PerAddressThrottle, retryMessage } from '../security/throttle';
import { DEMO_ACCOUNT_REFUSAL } from './authenticate';
import { findActiveDevice } from './devices';
import { bearerToken } from './http-auth';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { weakPasswordRefusal } from './password-policy';
import { createSession, findActiveSession, revokeOtherSessions, revokeSession } from './sessions';
import { hashToken } from './tokens';
import { findUserById, findUserByUsername, setPassword } from './users';
import { pairingRoutes } from './pairing-routes';

/**
 * Password guessing (sign-in, and the current password of a change): a username at one address gets 5
 * free failures, an address 20 (several tellers may share a PC), then each further failure doubles the
 * wait from 1 s up to 15 min. Quiet for 15 min: forgiven. Never counted per username alone, so guesses
 * from one address never keep the user out at another (security/throttle.ts).
 */
const USER_AT_ADDRESS = { freeAttempts: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };
const ADDRESS = { ...USER_AT_ADDRESS, freeAttempts: 20 };

/** The session a password change acts for, found before its body is read. */
interface PasswordSession {
  tokenHash: string;
  userId: string;
}

/**
 * POST /api/auth/login → LoginReply · POST /api/auth/password {currentPassword, newPassword} (the bearer's
 * own password) · POST /api/auth/logout revokes the bearer's session.
 */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const guesses = new PerAddressThrottle({ address: ADDRESS, userAtAddress: USER_AT_ADDRESS }, ctx.clock);
  /** Checked before any password hash is computed, so a flood of guesses costs the server nothing. */
  const throttled = (username: string, address: string): HttpRefusal | null => {
    const wait = guesses.waitMs(username, address);
    if (wait === 0) return null;
    ctx.logger.info({ event: 'login_throttled' }, 'password guess throttled');
    return fail('RATE_LIMITED', retryMessage('failed sign-ins', wait), wait);
  };

  serveRoute(router, ctx.auth, LoginRoute, async ({ body }, req) => {
    const address = clientAddressKey(req);
    const refused = throttled(body.username, address);
    if (refused) return refused;
    const user = findUserByUsername(ctx.db, body.username);
    // The same work whether or not the user exists, so timing does not reveal usernames.
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), body.password);
    if (!user || !valid || user.disabled) {
      guesses.failed(body.username, address);
      ctx.logger.info({ event: 'login_failed' }, 'login failed');
      return fail('UNAUTHENTICATED', 'Wrong username or password');
    }
    guesses.succeeded(body.username, address);
    if (user.is_demo && !ctx.demo) {
      ctx.logger.warn({ event: 'demo_login_refused', userId: user.id }, 'demo account refused: the server runs without --demo');
      return fail('DEMO_ACCOUNT', DEMO_ACCOUNT_REFUSAL);
    }
    const session = createSession(ctx.db, user.id, ctx.clock());
    ctx.logger.info({ event: 'login', userId: user.id }, 'signed in');
    return ok({
      token: session.token,
      expiresAt: session.expiresAt,
      user: { id: user.id, name: user.name, role: user.role },
      passwordChangeRequired: user.must_change_password === 1,
    });
  });

  /**
   * The credential check of a password change, before the body is parsed (as a role check would be): a user's
   * session, also one whose password must be changed, since this is the one thing such a session may do.
   */
  const userSession: RequestHandler = (req, res, next) => {
    const token = bearerToken(req);
    const tokenHash = token ? hashToken(token) : null;
    const session = tokenHash ? findActiveSession(ctx.db, tokenHash, ctx.clock()) : undefined;
    if (tokenHash && !session && findActiveDevice(ctx.db, tokenHash)) return sendError(res, 'FORBIDDEN', 'A device has no password to change');
    if (!tokenHash || !session) return sendError(res, 'UNAUTHENTICATED', 'Sign in first');
    if (session.isDemo && !ctx.demo) return sendError(res, 'DEMO_ACCOUNT', DEMO_ACCOUNT_REFUSAL);
    res.locals.passwordSession = { tokenHash, userId: session.userId } satisfies PasswordSession;
    next();
  };

  serveRoute(
    router,
    ctx.auth,
    ChangePasswordRoute,
    async ({ body }, req, res) => {
      const { tokenHash, userId } = res.locals.passwordSession as PasswordSession;
      const user = findUserById(ctx.db, userId);
      if (!user) return fail('UNAUTHENTICATED', 'Sign in first');
      const address = clientAddressKey(req);
      const refused = throttled(user.username, address);
      if (refused) return refused;
      if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
        guesses.failed(user.username, address);
        ctx.logger.info({ event: 'password_change_failed', userId: user.id }, 'password change: wrong current password');
        return fail('FORBIDDEN', 'The current password is wrong');
      }
      guesses.succeeded(user.username, address);
      if (body.newPassword === body.currentPassword) return fail('WEAK_PASSWORD', 'The new password must differ from the current one');
      const weak = weakPasswordRefusal(body.newPassword, user.username);
      if (weak) return weak;
      await setPassword(ctx.db, user.id, body.newPassword, false);
      // Whoever knew the old password is out; the session that changed it goes on.
      revokeOtherSessions(ctx.db, user.id, tokenHash, ctx.clock());
      ctx.auth.endConnections((p) => p.kind === 'user' && p.userId === user.id && p.tokenHash !== tokenHash, 'Password changed');
      ctx.logger.info({ event: 'password_changed', userId: user.id }, 'password changed');
      return ok({ ok: true });
    },
    { before: [userSession] },
  );

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
