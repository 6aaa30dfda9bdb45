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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // Kiosks and displays need none of these; the display plays audio, which needs no permission.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
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
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (options.hsts) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
    next();
  };
}
