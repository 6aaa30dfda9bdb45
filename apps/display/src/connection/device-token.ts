const STORAGE_KEY = 'rinda.display.deviceToken';

/**
 * The display's device token arrives once in the URL fragment (`#token=…`, never a query string, so it
 * reaches no server log); it is kept in localStorage and the fragment is removed from the address bar.
 */
export function takeDeviceToken(): string | null {
  const fromFragment = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    window.localStorage.setItem(STORAGE_KEY, fromFragment);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return window.localStorage.getItem(STORAGE_KEY);
}
