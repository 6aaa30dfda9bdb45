import { Router, type Request, type RequestHandler, type Response } from 'express';
import { fail, ok, PairDeviceRoute, PairingClaimRoute, PairingStartRoute } from '@rinda/shared';
import type { AppContext } from '../app-context';
import { describeIssues, sendError } from '../http/http-errors';
import { serveRoute } from '../http/typed-route';
import { clientAddressKey } from '../security/client-address';
import { AttemptThrottle, PerAddressThrottle, retryMessage } from '../security/throttle';
import { printerAddressRefusal } from '../printing/printer-address-policy';
import { PrinterUrl } from './devices';
import { claimPairing, completePairing, startPairing } from './pairing';

/**
 * Wrong codes: 5 free per (manager, address) and 20 per address, then a doubling wait; never per manager
 * alone, so wrong codes typed at one PC never stop pairing at another. The code space makes guessing
 * hopeless anyway.
 */
const CODE_THROTTLE = { freeAttempts: 5, baseDelayMs: 2000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };
const CODE_ADDRESS_THROTTLE = { ...CODE_THROTTLE, freeAttempts: 20 };
/** New pairings per address: a device reloads now and then, nobody needs dozens. */
const START_THROTTLE = { freeAttempts: 10, baseDelayMs: 5000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };
/** Wrong secrets per address (a device polls with the right one every few seconds). */
const CLAIM_THROTTLE = { freeAttempts: 5, baseDelayMs: 2000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };

/**
 * POST /api/devices/pairings {kind} → {pairingId, code, secret, expiresAt} (anyone on the LAN)
 * POST /api/admin/devices/pair {code, name, printerUrl?, counterId?} → {device} (manager; counterId: a rating screen's)
 * POST /api/devices/pairings/:pairingId/claim {secret} → {status: 'pending'} | {status: 'paired', token, device}
 */
export function pairingRoutes(ctx: AppContext): Router {
  const router = Router();
  const starts = new AttemptThrottle(START_THROTTLE, ctx.clock);
  const codes = new PerAddressThrottle({ address: CODE_ADDRESS_THROTTLE, userAtAddress: CODE_THROTTLE }, ctx.clock);
  const claims = new AttemptThrottle(CLAIM_THROTTLE, ctx.clock);
  const address = (req: Request) => clientAddressKey(req);
  const managerOf = (res: Response) => {
    const principal = ctx.auth.principalOf(res);
    return principal.kind === 'user' ? principal.userId : '?';
  };
  /** A throttle checked before the request is even parsed: a throttled caller learns nothing more. */
  const throttled =
    (wait: (req: Request, res: Response) => number, what: string): RequestHandler =>
    (req, res, next) => {
      const ms = wait(req, res);
      if (ms > 0) return sendError(res, 'RATE_LIMITED', retryMessage(what, ms), ms);
      next();
    };

  serveRoute(router, ctx.auth, PairingStartRoute, ({ body }, req) => {
    const from = address(req);
    const wait = starts.waitMs(from);
    if (wait > 0) return fail('RATE_LIMITED', retryMessage('pairing requests', wait), wait);
    // Every start counts: the throttle bounds how fast one address opens pairings.
    starts.failed(from);
    const started = startPairing(ctx.db, body.kind, from, ctx.clock());
    ctx.logger.info({ event: 'pairing_started', pairingId: started.pairingId, kind: body.kind }, 'pairing started');
    return ok({ pairingId: started.pairingId, code: started.code, secret: started.secret, expiresAt: started.expiresAt });
  });

  serveRoute(
    router,
    ctx.auth,
    PairDeviceRoute,
    async ({ body }, req, res) => {
      const manager = managerOf(res);
      const from = address(req);
      const printerUrl = body.printerUrl == null || body.printerUrl === '' ? null : PrinterUrl.safeParse(body.printerUrl);
      if (printerUrl && !printerUrl.success) return fail('BAD_REQUEST', describeIssues(printerUrl.error));
      const refusal = printerUrl ? await printerAddressRefusal(printerUrl.data, ctx.printerAddresses) : null;
      if (refusal) return fail('BAD_REQUEST', `Printer address refused: ${refusal}`);
      const counterId = body.counterId ?? null;
      if (counterId !== null && !ctx.config().counters.some((c) => c.id === counterId)) return fail('BAD_REQUEST', `No counter ${counterId}`);
      const paired = completePairing(ctx.db, body.code, { name: body.name, printerUrl: printerUrl?.data ?? null, isDemo: ctx.demo, counterId }, ctx.clock());
      if (!paired.ok && paired.reason === 'counter_required') return fail('BAD_REQUEST', 'A rating screen is paired for one counter: choose its counter');
      if (!paired.ok && paired.reason === 'counter_not_allowed') return fail('BAD_REQUEST', 'Only a rating screen is paired for a counter');
      if (!paired.ok) {
        codes.failed(manager, from);
        return fail('NOT_FOUND', 'No device is showing this code (codes expire after 10 minutes and work once)');
      }
      codes.succeeded(manager, from);
      ctx.logger.info({ event: 'device_paired', deviceId: paired.deviceId }, 'device paired');
      ctx.devices.announce(paired.deviceId);
      const device = ctx.devices.list().find((d) => d.id === paired.deviceId);
      return device ? ok({ device }) : fail('INTERNAL', 'The paired device could not be read back');
    },
    { before: [throttled((req, res) => codes.waitMs(managerOf(res), address(req)), 'wrong pairing codes')] },
  );

  serveRoute(
    router,
    ctx.auth,
    PairingClaimRoute,
    ({ params, body }, req) => {
      const claimed = claimPairing(ctx.db, params.pairingId, body.secret, ctx.clock());
      if (!claimed.ok) {
        if (claimed.reason === 'wrong_secret') {
          claims.failed(address(req));
          return fail('UNAUTHENTICATED', 'This is not the device that asked for the pairing');
        }
        return fail('NOT_FOUND', 'This pairing expired or was used; start again');
      }
      if (claimed.status === 'pending') return ok({ status: 'pending', expiresAt: claimed.expiresAt });
      ctx.logger.info({ event: 'pairing_claimed', deviceId: claimed.deviceId }, 'device collected its token');
      ctx.devices.announce(claimed.deviceId);
      return ok({ status: 'paired', token: claimed.token, device: { id: claimed.deviceId, kind: claimed.kind } });
    },
    {
      before: [throttled((req) => claims.waitMs(address(req)), 'wrong pairing secrets')],
      badParams: { code: 'NOT_FOUND', message: 'No such pairing' },
    },
  );
  return router;
}
