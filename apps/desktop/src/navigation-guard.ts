/** The origin of a URL, or null when it has none worth trusting (file:, data:, javascript:, about:, garbage). */
export function webOrigin(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

/**
 * Whether the window may navigate to `url`: only within the branch server's origin (same scheme, host and port).
 * Everything else (another host or port, file:, javascript:, data:) is where a kiosk must never go.
 */
export function isAllowedNavigation(url: string, serverOrigin: string): boolean {
  return webOrigin(url) === serverOrigin;
}
