import type { RequestHandler } from 'express';

/**
 * The served apps load only their own bundles, talk only to this server (HTTP and WebSocket), and may
 * not be framed. Inline styles set through the DOM (React's `style`) are not affected by style-src.
 * QR codes and audio may be data:/blob: URLs made in the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DENIED_FEATURES = 'camera=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()';

/**
 * The kiosk's own page (not the phone's status page, nor the booking page under /kiosk/) may be allowed the
 * microphone by its browser: Chromium tells a page the names of its audio outputs only then, and the kiosk needs them
 * to send the audio-guided mode to its headset (apps/kiosk/src/speech/audio-output.ts). The kiosk never records
 * (no getUserMedia in its code: tests/architecture/kiosk-never-records.test.ts).
 */
export const KIOSK_PAGE_PATHS: ReadonlySet<string> = new Set(['/kiosk', '/kiosk/', '/kiosk/index.html']);
export const KIOSK_PERMISSIONS_POLICY = `microphone=(self), ${DENIED_FEATURES}`;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // Kiosks and displays need none of these; the display plays audio, which needs no permission.
  'Permissions-Policy': `microphone=(), ${DENIED_FEATURES}`,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Over HTTPS only: browsers then refuse plain HTTP to this name for a year, so a man in the middle cannot
 * strip TLS. No includeSubDomains: the server does not know the domain's other hosts. Browsers ignore it for
 * IP addresses and for certificates they had to be told to accept, so it protects branches with a name and a
 * trusted certificate (docs/SECURITY.md).
 */
export const HSTS_HEADER = 'max-age=31536000';

/** On every response, API and apps alike; `hsts` when the server speaks TLS itself. */
export function securityHeaders(options: { hsts?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (KIOSK_PAGE_PATHS.has(req.path)) res.setHeader('Permissions-Policy', KIOSK_PERMISSIONS_POLICY);
    if (options.hsts) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
    next();
  };
}
