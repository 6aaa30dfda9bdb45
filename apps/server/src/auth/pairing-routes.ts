import { Router, type Request, type Response } from 'express';
import { PairDeviceRequest, PairingClaimRequest, PairingStartRequest, type PairingClaimed, type PairingStarted } from '@rinda/shared';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { describeIssues, sendError } from '../http/http-errors';
import { AttemptThrottle, retryMessage } from '../security/throttle';
import { printerAddressRefusal } from '../printing/printer-address-policy';
import { PrinterUrl } from './devices';
import { claimPairing, completePairing, startPairing } from './pairing';

const PairingId = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Wrong codes: 5 free per manager and per address, then a doubling wait; the code space makes guessing hopeless anyway. */
const CODE_THROTTLE = { freeAttempts: 5, baseDelayMs: 2000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };
/** New pairings per address: a device reloads now and then, nobody needs dozens. */
const START_THROTTLE = { freeAttempts: 10, baseDelayMs: 5000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };
/** Wrong secrets per address (a device polls with the right one every few seconds). */
const CLAIM_THROTTLE = { freeAttempts: 5, baseDelayMs: 2000, maxDelayMs: 10 * 60_000, forgetAfterMs: 10 * 60_000 };

/**
 * POST /api/devices/pairings {kind} → {pairingId, code, secret, expiresAt} (anyone on the LAN)
 * POST /api/admin/devices/pair {code, name, printerUrl?} → {device} (manager)
 * POST /api/devices/pairings/:pairingId/claim {secret} → {status: 'pending'} | {status: 'paired', token, device}
 */
export function pairingRoutes(ctx: AppContext): Router {
  const router = Router();
  const starts = new AttemptThrottle(START_THROTTLE, ctx.clock);
  const codes = new AttemptThrottle(CODE_THROTTLE, ctx.clock);
  const claims = new AttemptThrottle(CLAIM_THROTTLE, ctx.clock);
  const address = (req: Request) => `ip:${req.ip ?? 'unknown'}`;

  router.post('/api/devices/pairings', (req, res) => {
    const body = PairingStartRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const wait = starts.waitMs(address(req));
    if (wait > 0) return rateLimited(res, retryMessage('pairing requests', wait), wait);
    // Every start counts: the throttle bounds how many pairings one address can open.
    starts.failed(address(req));
    const started = startPairing(ctx.db, body.data.kind, ctx.clock());
    if (!started.ok) return rateLimited(res, 'Too many devices are waiting to be paired; try again in a few minutes', 60_000);
    ctx.logger.info({ event: 'pairing_started', pairingId: started.pairingId, kind: body.data.kind }, 'pairing started');
    const reply: PairingStarted = { pairingId: started.pairingId, code: started.code, secret: started.secret, expiresAt: started.expiresAt };
    res.status(201).json(reply);
  });

  router.post('/api/admin/devices/pair', ctx.auth.requireRole('manager'), async (req, res) => {
    const principal = ctx.auth.principalOf(res);
    const keys = [address(req), principal.kind === 'user' ? `user:${principal.userId}` : 'user:?'];
    const wait = codes.waitMsAny(keys);
    if (wait > 0) return rateLimited(res, retryMessage('wrong pairing codes', wait), wait);
    const body = PairDeviceRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    const printerUrl = body.data.printerUrl == null || body.data.printerUrl === '' ? null : PrinterUrl.safeParse(body.data.printerUrl);
    if (printerUrl && !printerUrl.success) return sendError(res, 'BAD_REQUEST', describeIssues(printerUrl.error));
    const refusal = printerUrl ? await printerAddressRefusal(printerUrl.data, ctx.printerAddresses) : null;
    if (refusal) return sendError(res, 'BAD_REQUEST', `Printer address refused: ${refusal}`);
    const paired = completePairing(ctx.db, body.data.code, { name: body.data.name, printerUrl: printerUrl?.data ?? null }, ctx.clock());
    if (!paired.ok) {
      for (const key of keys) codes.failed(key);
      return sendError(res, 'NOT_FOUND', 'No device is showing this code (codes expire after 10 minutes and work once)');
    }
    for (const key of keys) codes.succeeded(key);
    ctx.logger.info({ event: 'device_paired', deviceId: paired.deviceId }, 'device paired');
    ctx.devices.announce(paired.deviceId);
    const device = ctx.devices.list().find((d) => d.id === paired.deviceId);
    res.status(201).json({ device });
  });

  router.post('/api/devices/pairings/:pairingId/claim', (req, res) => {
    const wait = claims.waitMs(address(req));
    if (wait > 0) return rateLimited(res, retryMessage('wrong pairing secrets', wait), wait);
    const id = PairingId.safeParse(req.params.pairingId);
    const body = PairingClaimRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'BAD_REQUEST', describeIssues(body.error));
    if (!id.success) return sendError(res, 'NOT_FOUND', 'No such pairing');
    const claimed = claimPairing(ctx.db, id.data, body.data.secret, ctx.clock());
    if (!claimed.ok) {
      if (claimed.reason === 'wrong_secret') {
        claims.failed(address(req));
        return sendError(res, 'UNAUTHENTICATED', 'This is not the device that asked for the pairing');
      }
      return sendError(res, 'NOT_FOUND', 'This pairing expired or was used; start again');
    }
    if (claimed.status === 'pending') return res.json({ status: 'pending', expiresAt: claimed.expiresAt } satisfies PairingClaimed);
    ctx.logger.info({ event: 'pairing_claimed', deviceId: claimed.deviceId }, 'device collected its token');
    ctx.devices.announce(claimed.deviceId);
    res.json({ status: 'paired', token: claimed.token, device: { id: claimed.deviceId, kind: claimed.kind } } satisfies PairingClaimed);
  });
  return router;
}

function rateLimited(res: Response, message: string, waitMs: number): void {
  res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
  sendError(res, 'RATE_LIMITED', message);
}
