import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { describeIssues, sendError } from '../http/http-errors';
import { bearerToken } from './http-auth';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { createSession, revokeSession } from './sessions';
import { hashToken } from './tokens';
import { findUserByUsername } from './users';

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

/** POST /api/auth/login → {token, expiresAt, user}; POST /api/auth/logout revokes the bearer's session. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const body = LoginRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const user = findUserByUsername(ctx.db, body.data.username);
    // The same work whether or not the user exists, so timing does not reveal user names.
    const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), body.data.password);
    if (!user || !valid || user.disabled) {
      ctx.logger.info({ event: 'login_failed' }, 'login failed');
      return sendError(res, 'UNAUTHENTICATED', 'Wrong user name or password');
    }
    const session = createSession(ctx.db, user.id, ctx.clock());
    ctx.logger.info({ event: 'login', userId: user.id }, 'signed in');
    res.json({ token: session.token, expiresAt: session.expiresAt, user: { id: user.id, name: user.name, role: user.role } });
  });
  router.post('/api/auth/logout', (req, res) => {
    const token = bearerToken(req);
    if (!token) return sendError(res, 'UNAUTHENTICATED', 'No session');
    revokeSession(ctx.db, hashToken(token), ctx.clock());
    res.json({ ok: true });
  });
  return router;
}
