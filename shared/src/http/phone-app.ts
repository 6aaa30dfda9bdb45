import { z } from 'zod';
import { CustomerLanguage } from '../languages';
import { defineRoute } from './route';
import { PublicTicketId } from './status';

/**
 * The status page as an installable app (a PWA): its scope is the phone pages under /t/ only, its service worker
 * is served from there (so it can control nothing else), and each ticket's manifest starts at that ticket's page.
 */
export const PHONE_APP_SCOPE = '/t/';
export const PHONE_SERVICE_WORKER_PATH = '/t/sw.js';
export const phoneManifestPath = (ticketId: string, language: CustomerLanguage) => `/t/${ticketId}/manifest.webmanifest?lang=${language}`;

export const PhoneManifest = z.object({
  name: z.string(),
  short_name: z.string(),
  lang: CustomerLanguage,
  start_url: z.string(),
  scope: z.literal(PHONE_APP_SCOPE),
  display: z.literal('standalone'),
  background_color: z.string(),
  theme_color: z.string(),
  icons: z.array(z.object({ src: z.string(), sizes: z.string(), type: z.string(), purpose: z.string() })),
});
export type PhoneManifest = z.infer<typeof PhoneManifest>;

/** GET /t/:id/manifest.webmanifest?lang=: the web app manifest of one ticket's status page, named in its language. */
export const PhoneManifestRoute = defineRoute({
  method: 'GET',
  path: '/t/:id/manifest.webmanifest',
  roles: 'public',
  params: z.object({ id: PublicTicketId }),
  query: z.object({ lang: CustomerLanguage.default('en') }),
  reply: PhoneManifest,
});
