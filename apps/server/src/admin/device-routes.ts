import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { revokeDevice } from '../auth/devices';
import { sendError } from '../http/http-errors';
import { recordAudit } from './audit-log';
import { managerId } from './manager-of';

const DeviceId = z.string().min(1).max(64);

/**
 * GET /api/admin/devices · POST /api/admin/devices/:id/revoke. Enrolment by pairing code is
 * POST /api/admin/devices/pair (security feature); a paired device appears in this list.
 */
export function deviceRoutes(router: Router, ctx: AppContext, managerOnly: RequestHandler): void {
  router.get('/api/admin/devices', managerOnly, (_req, res) => {
    res.json({ devices: ctx.devices.list() });
  });

  router.post('/api/admin/devices/:id/revoke', managerOnly, (req, res) => {
    const id = DeviceId.safeParse(req.params.id);
    if (!id.success) return sendError(res, 'BAD_REQUEST', 'Invalid device id');
    const device = ctx.devices.get(id.data);
    if (!device) return sendError(res, 'NOT_FOUND', 'No such device');
    if (!revokeDevice(ctx.db, id.data, ctx.clock())) return sendError(res, 'CONFLICT', 'This device is already revoked');
    ctx.auth.endConnections((p) => p.kind === 'device' && p.deviceId === id.data, 'device revoked');
    ctx.devices.announce(id.data);
    recordAudit(ctx.db, { at: ctx.clock(), userId: managerId(ctx, res), action: 'device.revoke', target: id.data, before: { name: device.name, kind: device.kind }, after: { revoked: true } });
    res.json({ ok: true });
  });
}
