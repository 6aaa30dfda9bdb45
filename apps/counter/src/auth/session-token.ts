// The session token lives in sessionStorage: it ends with the tab and never appears in a URL.
const KEY = 'rinda.counter.session';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
