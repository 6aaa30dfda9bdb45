import type { Router } from 'express';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../features';
import { configRoutes } from './config-routes';
import { deviceRoutes } from './device-routes';
import { userRoutes } from './user-routes';
import { readAudit } from './audit-log';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/http-errors';

const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

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
      const managerOnly = ctx.auth.requireRole('manager');
      configRoutes(router, ctx, managerOnly);
      userRoutes(router, ctx, managerOnly);
      deviceRoutes(router, ctx, managerOnly);
      router.get('/api/admin/audit', managerOnly, (req, res) => {
        const q = AuditQuery.safeParse(req.query);
        if (!q.success) return sendError(res, 'BAD_REQUEST', describeIssues(q.error));
        res.json({ entries: readAudit(ctx.db, q.data.limit, q.data.before ?? null) });
      });
    },
  };
}
