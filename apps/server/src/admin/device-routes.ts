import type { Router } from 'express';
import { DevicesRoute, fail, ok, RevokeDeviceRoute, SetPrinterProfileRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { revokeDevice, setPrinterProfile } from '../auth/devices';
import { serveRoute } from '../http/typed-route';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

/**
 * GET /api/admin/devices · POST /api/admin/devices/:id/revoke · PUT /api/admin/devices/:id/printer-profile. Enrolment by pairing code is
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

  serveRoute(
    router,
    ctx.auth,
    SetPrinterProfileRoute,
    ({ params: { id }, body: { printerProfile } }, _req, res) => {
      const device = ctx.devices.get(id);
      if (!device) return fail('NOT_FOUND', 'No such device');
      if (device.kind !== 'kiosk') return fail('BAD_REQUEST', 'Only a kiosk has a printer');
      const profiles = ctx.config().printerProfiles;
      if (!Object.hasOwn(profiles, printerProfile))
        return fail('BAD_REQUEST', `No printer profile "${printerProfile}" in the configuration (there are: ${Object.keys(profiles).join(', ')})`);
      setPrinterProfile(ctx.db, id, printerProfile);
      ctx.devices.announce(id);
      recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'device.printerProfile', target: id, before: { printerProfile: device.printer_profile }, after: { printerProfile } });
      const updated = ctx.devices.list().find((d) => d.id === id);
      return updated ? ok({ device: updated }) : fail('NOT_FOUND', 'No such device');
    },
    { badParams: { code: 'BAD_REQUEST', message: 'Invalid device id' } },
  );
}
