// The session token lives in sessionStorage: it ends with the tab and never appears in a URL. Beside it,
// whether the server asked for a password change first, so a reload shows the change form again.
const KEY = 'rinda.counter.session';
const CHANGE_KEY = 'rinda.counter.passwordChangeRequired';

export interface StoredSession {
  token: string;
  passwordChangeRequired: boolean;
}

export function readSession(): StoredSession | null {
  const token = sessionStorage.getItem(KEY);
  return token ? { token, passwordChangeRequired: sessionStorage.getItem(CHANGE_KEY) === '1' } : null;
}

export function saveSession(session: StoredSession): void {
  sessionStorage.setItem(KEY, session.token);
  if (session.passwordChangeRequired) sessionStorage.setItem(CHANGE_KEY, '1');
  else sessionStorage.removeItem(CHANGE_KEY);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(CHANGE_KEY);
}
