import { LoginRoute, LogoutRoute, type LoginReply } from '@rinda/shared';
import { callRoute, type ApiResult } from '@rinda/shared/ui/http';

/** POST /api/auth/login; the reply is parsed like any outside input. */
export function login(username: string, password: string): Promise<ApiResult<LoginReply>> {
  return callRoute(LoginRoute, { body: { username, password } });
}

/** Ends the session on the server too; the local token is dropped whatever the answer. */
export async function logout(token: string): Promise<void> {
  await callRoute(LogoutRoute, { token });
}
