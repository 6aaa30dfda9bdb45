/** The parts of a browser page a device token needs; `window` fits (shared compiles without DOM types). */
export interface TokenPage {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * A kiosk's or display's device token arrives once in the URL fragment (`#token=…`, never a query
 * string, so it reaches no server log); it is kept in localStorage under `storageKey` and the fragment
 * is removed from the address bar. Returns the token kept, or null when the device was never given one.
 */
export function takeFragmentToken(page: TokenPage, storageKey: string): string | null {
  const match = /(?:^|&)token=([^&]+)/.exec(page.location.hash.replace(/^#/, ''));
  if (match) {
    page.localStorage.setItem(storageKey, decodeURIComponent(match[1]!));
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
  }
  return page.localStorage.getItem(storageKey);
}
