/**
 * Which browser origins may talk to this server. Browsers send `Origin` on cross-site requests and on
 * every WebSocket handshake; a page from another site must not drive a kiosk's or a teller's session.
 * Clients that send no Origin (the Electron shell's main process, tools, tests) are not browsers acting
 * for a user, so they pass here and must still authenticate.
 */
export interface OriginPolicy {
  /** Origins allowed besides the server's own (e.g. https://branch.example:8443); compared exactly. */
  allowed: readonly string[];
}

export function isAllowedOrigin(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined || origin === '') return true;
  if (policy.allowed.includes(origin)) return true;
  // Same origin: the page came from the host the request is addressed to.
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return host !== undefined && parsed.host === host.toLowerCase() && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** `RINDA_ALLOWED_ORIGINS=https://a.example,https://b.example` → a normalised list; invalid entries are refused loudly. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const url = new URL(s);
      if (url.origin === 'null' || url.origin !== s.replace(/\/$/, '')) throw new Error(`Not an origin (scheme://host[:port]): ${s}`);
      return url.origin;
    });
}
