import { Router } from 'express';
import { fail, PhoneCheckInRoute } from '@rinda/shared';
import type { CommandPipeline } from '../commands/command-pipeline';
import type { ServerCore } from '../core';
import { serveRoute } from '../http/typed-route';
import { clientAddressKey } from '../security/client-address';
import { phoneRequestGuard } from '../security/phone-requests';
import { findByCode } from './check-in';
import { isInBranch } from './in-branch';

/**
 * Check-in from the customer's phone (docs/ARCHITECTURE.md, "Appointments"). In order: requests per address (the
 * phone routes' bucket), the phone is in the branch (its address in the branch's Wi-Fi ranges: outside it nobody
 * can even try a code), the code (a wrong one counted per address, as at the kiosk), then the kiosk's own
 * check-in through the command pipeline, without a printer.
 */
export function phoneCheckInRoutes(core: ServerCore, pipeline: CommandPipeline): Router {
  const { ctx, limits } = core;
  const router = Router();
  const throttled = phoneRequestGuard(limits.phoneRequests, ctx.clock);

  serveRoute(router, ctx.auth, PhoneCheckInRoute, async ({ body }, req) => {
    const refused = throttled(req);
    if (refused) return refused;
    if (!isInBranch(req.socket.remoteAddress, ctx.config().appointments.checkIn.phoneNetworks))
      return fail('FORBIDDEN', "Check-in by phone works only on the branch's Wi-Fi; connect to it, or check in at the kiosk.");
    const address = clientAddressKey(req);
    const found = findByCode(ctx, body.code, `phone:${address}`, address);
    if (!found.ok) return found;
    return pipeline.checkInFromPhone(body, address, { host: req.headers.host, secure: req.secure });
  });

  return router;
}
