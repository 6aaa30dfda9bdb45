import { createHash } from 'node:crypto';
import { Router } from 'express';
import { fail, JoinChallengeRoute, JoinOptionsRoute, JoinTicketRoute, mayJoinRemotely, ok } from '@rinda/shared';
import type { CommandPipeline } from '../commands/command-pipeline';
import type { ServerCore } from '../core';
import { statusOrigin } from '../http/status-origin';
import { serveRoute } from '../http/typed-route';
import { clientAddressKey } from '../security/client-address';
import { retryMessage } from '../security/throttle';
import { phoneRequestGuard } from '../security/phone-requests';
import { JoinChallenges } from './join-challenges';
import { JoinLimits } from './join-limits';

/** Where the server serves the join page (http/static-apps.ts). */
export const JOIN_PATH = '/join/';
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** The phone's random id as it is kept (idempotency records): hashed, so the id a browser holds is never stored. */
const deviceKeyOf = (deviceId: string) => createHash('sha256').update(deviceId).digest('hex').slice(0, 32);

/**
 * Remote join (docs/PROTOCOL.md, "Remote join"; limits in docs/SECURITY.md): the join page's choices, a
 * proof-of-work challenge, and the ticket — through the kiosk's own command path (CommandPipeline.issueRemote).
 * Bounds, in order: requests per address (a token bucket), the proof of work (one per ticket), tickets per
 * address per hour and per phone per day, then the branch's rules (services, cut-off, remote tickets waiting).
 */
export function remoteJoinRoutes(core: ServerCore, pipeline: CommandPipeline): Router {
  const { ctx, live, limits } = core;
  const router = Router();
  const challenges = new JoinChallenges(ctx.clock);
  const perAddress = new JoinLimits(HOUR_MS);
  const perDevice = new JoinLimits(DAY_MS);
  const throttled = phoneRequestGuard(limits.phoneRequests, ctx.clock);

  serveRoute(router, ctx.auth, JoinOptionsRoute, (_request, req) => {
    const state = live.state;
    const { config } = state;
    const now = ctx.clock();
    const services = config.services.filter((s) => config.remoteJoin.serviceIds.includes(s.id));
    const reasonIds = new Set(services.flatMap((s) => s.priorityReasonIds));
    return ok({
      branch: { name: config.branch.name, languages: config.branch.kioskLanguages, defaultLanguage: config.branch.defaultLanguage },
      services: services.map((s) => ({ id: s.id, names: s.names, priorityReasonIds: s.priorityReasonIds, available: mayJoinRemotely(state, s.id, now).ok })),
      priorityReasons: config.priorityReasons.filter((r) => reasonIds.has(r.id)),
      proofOfWorkBits: config.remoteJoin.proofOfWorkBits,
      // As a ticket's status address is built: a poster printed from the server's own machine still works on a phone.
      joinUrl: (config.branch.publicUrl ?? statusOrigin(ctx, req.headers.host, req.secure)).replace(/\/+$/, '') + JOIN_PATH,
    });
  });

  serveRoute(router, ctx.auth, JoinChallengeRoute, (_request, req) => {
    return throttled(req) ?? ok(challenges.issue(live.state.config.remoteJoin.proofOfWorkBits));
  });

  serveRoute(router, ctx.auth, JoinTicketRoute, async ({ body }, req) => {
    const refused = throttled(req);
    if (refused) return refused;
    const settings = live.state.config.remoteJoin;
    const deviceKey = deviceKeyOf(body.deviceId);
    const address = clientAddressKey(req);
    const proof = challenges.redeem(body.challenge, body.nonce, settings.proofOfWorkBits, `${deviceKey}\n${body.requestId}`);
    if (!proof.ok) return proof;
    // A retry of a request that used this challenge is answered by the pipeline (the same ticket), uncounted.
    if (!proof.data.retry) {
      const now = ctx.clock();
      const addressWait = perAddress.waitMs(address, settings.perAddressPerHour, now);
      if (addressWait > 0) return fail('RATE_LIMITED', retryMessage('tickets from this network', addressWait), addressWait);
      const deviceWait = perDevice.waitMs(deviceKey, settings.perDevicePerDay, now);
      if (deviceWait > 0) return fail('RATE_LIMITED', retryMessage('tickets from this phone', deviceWait), deviceWait);
    }
    const { deviceId: _deviceId, challenge: _challenge, nonce: _nonce, ...command } = body;
    const issued = await pipeline.issueRemote(command, deviceKey, { host: req.headers.host, secure: req.secure });
    if (!issued.ok) return issued;
    const now = ctx.clock();
    perAddress.record(address, issued.data.ticket.id, now);
    perDevice.record(deviceKey, issued.data.ticket.id, now);
    return ok(issued.data);
  });

  return router;
}
