import { Router } from 'express';
import type { ServerTlsView } from '@rinda/shared';
import type { AppContext } from '../app-context';
import type { ServerCertificate } from './server-certificate';

/** GET /api/admin/tls (manager): the certificate's fingerprint, for the devices screen (shared ServerTlsView). */
export function tlsRoutes(ctx: AppContext, certificate: ServerCertificate | null): Router {
  const router = Router();
  const view: ServerTlsView = {
    tls: certificate ? { fingerprint: certificate.fingerprint, selfSigned: certificate.selfSigned, validTo: certificate.validTo } : null,
  };
  router.get('/api/admin/tls', ctx.auth.requireRole('manager'), (_req, res) => {
    res.json(view);
  });
  return router;
}
