/** The parts of a browser page a device token needs; `window` fits (shared compiles without DOM types). */
export interface TokenPage {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
}

/** One setting a device's address may carry in its fragment, kept in localStorage under `storageKey`. */
export interface FragmentSetting {
  storageKey: string;
  /** The value to keep, or an Error saying why it is refused (the value kept before stays). Default: as given. */
  parse?: (raw: string) => string | Error;
  /** An empty value (`headset=`) forgets the kept one; otherwise an empty value is ignored, as for the token. */
  emptyForgets?: boolean;
}

/**
 * A kiosk's or display's settings arrive once in the URL fragment (`#token=…&headset=…`, never a query string, so
 * they reach no server log); each is kept in localStorage under its key (or forgotten: `emptyForgets`), and the
 * fragment is removed from the address bar. Returns the values kept (null: never given). A value its
 * `parse` refuses changes nothing and is reported through `onRefused`.
 */
export function takeFragmentSettings<K extends string>(
  page: TokenPage,
  settings: Record<K, FragmentSetting>,
  onRefused: (name: K, error: Error) => void = () => {},
): Record<K, string | null> {
  const fragment = page.location.hash.replace(/^#/, '');
  let found = false;
  const kept = {} as Record<K, string | null>;
  for (const name of Object.keys(settings) as K[]) {
    const { storageKey, parse = (raw: string) => raw, emptyForgets = false } = settings[name];
    const match = new RegExp(`(?:^|&)${name}=([^&]*)`).exec(fragment);
    if (match) {
      found = true;
      const raw = decodeURIComponent(match[1]!);
      const parsed = raw === '' ? (emptyForgets ? null : undefined) : parse(raw);
      if (parsed === null) page.localStorage.removeItem(storageKey);
      else if (parsed instanceof Error) onRefused(name, parsed);
      else if (parsed !== undefined) page.localStorage.setItem(storageKey, parsed);
    }
    kept[name] = page.localStorage.getItem(storageKey);
  }
  if (found) page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
  return kept;
}

/**
 * A kiosk's or display's device token arrives once in the URL fragment (`#token=…`); it is kept in localStorage
 * under `storageKey` and the fragment is removed from the address bar. Returns the token kept, or null when the
 * device was never given one.
 */
export function takeFragmentToken(page: TokenPage, storageKey: string): string | null {
  return takeFragmentSettings(page, { token: { storageKey } }).token;
}
