import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { SessionUser } from '../protocol/views';
import { defineRoute, OkReply } from './route';

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * `passwordChangeRequired`: a manager set this password (a new user, a reset). The session then works for
 * nothing but ChangePasswordRoute and logout (PASSWORD_CHANGE_REQUIRED) until the user chose their own.
 */
export const LoginReply = z.object({ token: z.string().min(16), expiresAt: z.number(), user: SessionUser, passwordChangeRequired: z.boolean() });
export type LoginReply = z.infer<typeof LoginReply>;

/** POST /api/auth/login {username, password} → a session token (throttled per address and per (user, address); docs/SECURITY.md). */
export const LoginRoute = defineRoute({ method: 'POST', path: '/api/auth/login', roles: 'public', body: LoginRequest, reply: LoginReply });

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/**
 * POST /api/auth/password: the bearer's own password, with the current one (throttled as sign-ins). A user
 * session only, also one whose password must be changed (hence not behind the role check: the handler checks
 * the session itself). WEAK_PASSWORD for a new one that breaks the policy; the user's other sessions end.
 */
export const ChangePasswordRoute = defineRoute({ method: 'POST', path: '/api/auth/password', roles: 'public', body: ChangePasswordRequest, reply: OkReply });

/** POST /api/auth/logout with the session as bearer token: revokes it and closes its sockets. */
export const LogoutRoute = defineRoute({ method: 'POST', path: '/api/auth/logout', roles: 'public', reply: OkReply });
