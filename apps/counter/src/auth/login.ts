import { z } from 'zod';
import { ErrorCode, SessionUser } from '@rinda/shared';

const LoginReply = z.object({ token: z.string().min(16), user: SessionUser });
const ErrorReply = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) });

export type LoginOutcome =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; code: ErrorCode | 'NETWORK'; message: string };

/** POST /api/auth/login; the reply is parsed like any outside input. */
export async function login(username: string, password: string): Promise<LoginOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, code: 'NETWORK', message: 'network error' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = LoginReply.safeParse(body);
    if (parsed.success) return { ok: true, ...parsed.data };
    return { ok: false, code: 'INTERNAL', message: 'unexpected reply from the server' };
  }
  const error = ErrorReply.safeParse(body);
  if (error.success) return { ok: false, ...error.data.error };
  return { ok: false, code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${response.status}` };
}

/** Ends the session on the server too; the local token is dropped whatever the answer. */
export async function logout(token: string): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}
