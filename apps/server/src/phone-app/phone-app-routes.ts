import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { PHONE_APP_SCOPE, PHONE_SERVICE_WORKER_PATH, PhoneManifestRoute, type PhoneManifest } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { SENT, serveRoute } from '../http/typed-route';

/**
 * The status page as an installable app: its manifest (per ticket, so the installed app opens that ticket's page)
 * and its service worker, served at /t/sw.js so that its scope cannot reach past the phone pages. The worker is a
 * static file of the kiosk build (apps/kiosk/public/status-sw.js); it caches static assets only, never ticket data.
 */
export function phoneAppRoutes(auth: Parameters<typeof serveRoute>[1], appsDir: string): Router {
  const router = Router();
  const worker = join(appsDir, 'kiosk', 'dist', 'status-sw.js');
  router.get(PHONE_SERVICE_WORKER_PATH, (_req, res, next) => {
    if (!existsSync(worker)) return next();
    // no-cache: a new worker reaches phones at their next visit.
    res.sendFile(worker, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'service-worker-allowed': PHONE_APP_SCOPE } });
  });
  serveRoute(router, auth, PhoneManifestRoute, ({ params, query }, _req, res) => {
    const messages = customerMessages.status[query.lang];
    const manifest: PhoneManifest = {
      name: translate(messages, 'install.name'),
      short_name: translate(messages, 'install.shortName'),
      lang: query.lang,
      start_url: `/t/${params.id}`,
      scope: PHONE_APP_SCOPE,
      display: 'standalone',
      background_color: '#f3f4f8',
      theme_color: '#0b5190',
      icons: [{ src: '/kiosk/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    };
    res.type('application/manifest+json').set('cache-control', 'no-cache').send(JSON.stringify(manifest));
    return SENT;
  });
  return router;
}
