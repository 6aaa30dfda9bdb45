import { z } from 'zod';
import { CustomerLanguage, LocalisedText } from '../languages';
import { RequestId } from '../protocol/commands';
import { IssuedTicket } from '../protocol/views';
import { defineRoute } from './route';

/** What the branch's public join page offers: the services joinable from outside now, and how hard the proof is. */
export const JoinOptions = z.object({
  branch: z.object({ name: z.string(), languages: z.array(CustomerLanguage), defaultLanguage: CustomerLanguage }),
  services: z.array(
    z.object({
      id: z.string(),
      names: LocalisedText,
      priorityReasonIds: z.array(z.string()),
      /** False while it is closed, closes within the cut-off, or has its most remote tickets waiting. */
      available: z.boolean(),
    }),
  ),
  priorityReasons: z.array(z.object({ id: z.string(), names: LocalisedText })),
  proofOfWorkBits: z.number().int(),
  /** The join page's address for the poster's QR code (publicUrl, or as a phone on the LAN reaches the server). */
  joinUrl: z.string(),
});
export type JoinOptions = z.infer<typeof JoinOptions>;

/** GET /api/join: the join page's choices (public: anyone who can reach the branch's address). */
export const JoinOptionsRoute = defineRoute({ method: 'GET', path: '/api/join', roles: 'public', reply: JoinOptions });

/** A proof-of-work challenge: signed by the server, usable once, until `expiresAt`. */
export const JoinChallenge = z.object({
  challenge: z.string().max(200),
  bits: z.number().int(),
  expiresAt: z.number(),
});
export type JoinChallenge = z.infer<typeof JoinChallenge>;

/** POST /api/join/challenge: a fresh challenge (rate limited per address like the join itself). */
export const JoinChallengeRoute = defineRoute({ method: 'POST', path: '/api/join/challenge', roles: 'public', reply: JoinChallenge });

/** A phone's own random id (kept in its browser): the per-device limit counts it; never shown or logged. */
export const JoinDeviceId = z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const JoinRequest = z.strictObject({
  /** Idempotency, as the kiosk's ticket:issue: a retry of the same request gets the same ticket. */
  requestId: RequestId,
  deviceId: JoinDeviceId,
  serviceId: z.string().max(40),
  language: CustomerLanguage,
  priorityReasonId: z.string().max(40).nullable().default(null),
  challenge: z.string().max(200),
  nonce: z.string().max(32).regex(/^[0-9]+$/),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

/** POST /api/join/tickets: a ticket taken from a phone, same numbering and rules as the kiosk's. */
export const JoinTicketRoute = defineRoute({
  method: 'POST',
  path: '/api/join/tickets',
  roles: 'public',
  body: JoinRequest,
  reply: IssuedTicket,
  status: 201,
});
