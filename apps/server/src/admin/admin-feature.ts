import type { Router } from 'express';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../feature-module';
import { centralBundleRoutes } from './central-bundle-routes';
import { configRoutes } from './config-routes';
import { deviceRoutes } from './device-routes';
import { userRoutes } from './user-routes';
import { readAudit } from './audit-log';
import { AuditRoute, ok } from '@rinda/shared';
import { serveRoute } from '../http/typed-route';

/**
 * Configuration and administration for managers: every body parsed with zod, every configuration
 * change applied live through ctx.setConfig (validated, stored, broadcast as config:changed), and every
 * change written to the audit log. Device enrolment by pairing code lives with the security feature
 * (POST /api/admin/devices/pair); this feature lists and revokes devices.
 */
export function adminFeature(): FeatureModule {
  return {
    name: 'admin',
    http(router: Router, ctx: AppContext) {
      configRoutes(router, ctx);
      userRoutes(router, ctx);
      deviceRoutes(router, ctx);
      centralBundleRoutes(router, ctx);
      serveRoute(router, ctx.auth, AuditRoute, ({ query }) => ok({ entries: readAudit(ctx.db, query.limit, query.before ?? null) }));
    },
  };
}
