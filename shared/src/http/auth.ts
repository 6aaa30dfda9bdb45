import { z } from 'zod';
import { SessionUser } from '../protocol/views';
import { defineRoute, OkReply } from './route';

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const LoginReply = z.object({ token: z.string().min(16), expiresAt: z.number(), user: SessionUser });
export type LoginReply = z.infer<typeof LoginReply>;

/** POST /api/auth/login {username, password} → a session token (throttled; docs/SECURITY.md). */
export const LoginRoute = defineRoute({ method: 'POST', path: '/api/auth/login', roles: 'public', body: LoginRequest, reply: LoginReply });

/** POST /api/auth/logout with the session as bearer token: revokes it and closes its sockets. */
export const LogoutRoute = defineRoute({ method: 'POST', path: '/api/auth/logout', roles: 'public', reply: OkReply });
