import { Router } from 'express';
import { ok, ServerTlsRoute, type ServerTlsView } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { serveRoute } from '../http/typed-route';
import type { ServerCertificate } from './server-certificate';

/** GET /api/admin/tls (manager): the certificate's fingerprint, for the devices screen (shared ServerTlsRoute). */
export function tlsRoutes(ctx: AppContext, certificate: ServerCertificate | null): Router {
  const router = Router();
  const view: ServerTlsView = {
    tls: certificate ? { fingerprint: certificate.fingerprint, selfSigned: certificate.selfSigned, validTo: certificate.validTo } : null,
  };
  serveRoute(router, ctx.auth, ServerTlsRoute, () => ok(view));
  return router;
}
