import { z } from 'zod';
import { DeviceKind, DeviceView } from '../protocol/views';
import { defineRoute, OkReply } from './route';

/**
 * Device pairing over HTTP (docs/SECURITY.md): a device without a token asks for a pairing and shows
 * its code; a manager enters the code; the device collects its token once with its secret.
 */
export const PairingStartRequest = z.strictObject({ kind: DeviceKind });
export const PairingStarted = z.object({
  pairingId: z.string(),
  /** Shown on the device's screen, typed by the manager. */
  code: z.string(),
  /** Kept by the device only; proves it is the one that asked. */
  secret: z.string(),
  expiresAt: z.number(),
});
export type PairingStarted = z.infer<typeof PairingStarted>;

export const PairingClaimRequest = z.strictObject({ secret: z.string().min(16).max(200) });
export const PairingClaimed = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), expiresAt: z.number() }),
  z.object({ status: z.literal('paired'), token: z.string(), device: z.object({ id: z.string(), kind: DeviceKind }) }),
]);
export type PairingClaimed = z.infer<typeof PairingClaimed>;

export const PairDeviceRequest = z.strictObject({
  code: z.string().min(4).max(20),
  name: z.string().trim().min(1).max(80),
  printerUrl: z.string().max(200).nullable().optional(),
  /** A rating screen's counter (required for one, refused for any other device): the only visits it may rate. */
  counterId: z.string().min(1).max(40).optional(),
});
export type PairDeviceRequest = z.infer<typeof PairDeviceRequest>;
export const DevicePaired = z.object({ device: DeviceView });

/** A device without a token asks for a pairing (anyone on the LAN; throttled per address). */
export const PairingStartRoute = defineRoute({
  method: 'POST',
  path: '/api/devices/pairings',
  roles: 'public',
  body: PairingStartRequest,
  reply: PairingStarted,
  status: 201,
});

/** The device polls with its secret until a manager entered its code. An unknown or spent pairing is NOT_FOUND. */
export const PairingClaimRoute = defineRoute({
  method: 'POST',
  path: '/api/devices/pairings/:pairingId/claim',
  roles: 'public',
  params: z.object({ pairingId: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) }),
  body: PairingClaimRequest,
  reply: PairingClaimed,
});

/** A manager enters the code a device shows (wrong codes are throttled). */
export const PairDeviceRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/devices/pair',
  roles: ['manager'],
  body: PairDeviceRequest,
  reply: DevicePaired,
  status: 201,
});

export const DevicesRoute = defineRoute({
  method: 'GET',
  path: '/api/admin/devices',
  roles: ['manager'],
  reply: z.object({ devices: z.array(DeviceView) }),
});

/** Ends the device's token and closes its connections at once. */
export const RevokeDeviceRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/devices/:id/revoke',
  roles: ['manager'],
  params: z.object({ id: z.string().min(1).max(64) }),
  reply: OkReply,
});

/** Which of the configuration's printer profiles (`printerProfiles`, by id) a kiosk's printer has; audited. */
export const SetPrinterProfileRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/devices/:id/printer-profile',
  roles: ['manager'],
  params: z.object({ id: z.string().min(1).max(64) }),
  body: z.strictObject({ printerProfile: z.string().min(1).max(40) }),
  reply: z.object({ device: DeviceView }),
});
