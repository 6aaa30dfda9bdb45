import type { Router } from 'express';
import { DevicesRoute, fail, ok, RevokeDeviceRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { revokeDevice } from '../auth/devices';
import { serveRoute } from '../http/typed-route';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

/**
 * GET /api/admin/devices · POST /api/admin/devices/:id/revoke. Enrolment by pairing code is
 * POST /api/admin/devices/pair (security feature); a paired device appears in this list.
 */
export function deviceRoutes(router: Router, ctx: AppContext): void {
  serveRoute(router, ctx.auth, DevicesRoute, () => ok({ devices: ctx.devices.list() }));

  serveRoute(
    router,
    ctx.auth,
    RevokeDeviceRoute,
    ({ params: { id } }, _req, res) => {
      const device = ctx.devices.get(id);
      if (!device) return fail('NOT_FOUND', 'No such device');
      if (!revokeDevice(ctx.db, id, ctx.clock())) return fail('CONFLICT', 'This device is already revoked');
      ctx.auth.endConnections((p) => p.kind === 'device' && p.deviceId === id, 'device revoked');
      ctx.devices.announce(id);
      recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'device.revoke', target: id, before: { name: device.name, kind: device.kind }, after: { revoked: true } });
      return ok({ ok: true });
    },
    { badParams: { code: 'BAD_REQUEST', message: 'Invalid device id' } },
  );
}
