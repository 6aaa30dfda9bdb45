import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const WEB_APPS = ['kiosk', 'counter', 'display', 'manager'] as const;

/** Where the web apps' `dist` folders are: apps/<app>/dist beside the server. */
export const DEFAULT_APPS_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Serves each built web app at /<app>/ (single-page: unknown paths get its index.html) and the
 * phone's ticket page /t/:id and the join page /join/ (and /join/poster) from the kiosk build. Apps not built are skipped and listed.
 */
export function staticApps(appsDir = DEFAULT_APPS_DIR): { router: Router; served: string[] } {
  const router = express.Router();
  const served: string[] = [];
  for (const app of WEB_APPS) {
    const dist = join(appsDir, app, 'dist');
    if (!existsSync(join(dist, 'index.html'))) continue;
    served.push(app);
    router.use(`/${app}`, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    // Client-side routes get the app; a missing file (a name with an extension) stays a 404.
    router.get(`/${app}/{*rest}`, (req, res, next) => {
      if (/\.[a-z0-9]+$/i.test(req.path)) return next();
      res.sendFile(join(dist, 'index.html'), { headers: { 'cache-control': 'no-cache' } });
    });
  }
  const statusPage = join(appsDir, 'kiosk', 'dist', 'status.html');
  router.get('/t/:id', (_req, res, next) => {
    if (!existsSync(statusPage)) return next();
    res.sendFile(statusPage, { headers: { 'cache-control': 'no-cache' } });
  });
  // The public join page (remote join) and its printable poster, from the kiosk build like the status page.
  const joinPage = join(appsDir, 'kiosk', 'dist', 'join.html');
  router.get(['/join', '/join/poster'], (_req, res, next) => {
    if (!existsSync(joinPage)) return next();
    res.sendFile(joinPage, { headers: { 'cache-control': 'no-cache' } });
  });
  return { router, served };
}

/** HTML must be revalidated so a new build reaches every screen; hashed assets may be cached. */
function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
