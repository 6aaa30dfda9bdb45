import { z } from 'zod';

/** A certificate's SHA-256 fingerprint as browsers and `openssl x509 -fingerprint -sha256` show it: 32 hex pairs. */
export const CertificateFingerprint = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/^SHA256[:=]\s*/, ''))
  .transform((s) => (/^[0-9A-F]{64}$/.test(s) ? (s.match(/../g) ?? []).join(':') : s))
  .pipe(z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a SHA-256 fingerprint: 32 hex pairs, AB:CD:… (colons optional)'));

/**
 * GET /api/admin/tls (manager): the certificate the server presents, so a manager can compare it with what
 * the browser shows and copy it into a kiosk's or display's shell config. `tls: null` when the server speaks
 * plain HTTP (the demo, or behind a reverse proxy that terminates TLS).
 */
export const ServerTlsView = z.object({
  tls: z
    .object({
      fingerprint: CertificateFingerprint,
      /** Made by the server on first run (kept in its data directory), or given by the operator. */
      selfSigned: z.boolean(),
      /** Expiry, ms since the epoch. */
      validTo: z.number(),
    })
    .nullable(),
});
export type ServerTlsView = z.infer<typeof ServerTlsView>;
