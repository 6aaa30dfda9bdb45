import { z } from 'zod';
import { DeviceKind, DeviceView } from './views';

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
});
export type PairDeviceRequest = z.infer<typeof PairDeviceRequest>;
export const DevicePaired = z.object({ device: DeviceView });

/** What the pairing flow needs from its platform: an HTTP POST of JSON, and a way to wait. */
export interface PairingIo {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  sleep(ms: number): Promise<void>;
}

export type PairingProgress =
  | { step: 'code'; code: string; expiresAt: number }
  | { step: 'unreachable' }
  | { step: 'waiting'; retryAfterSec: number };

/** A device polls this often for its token while its code is shown. */
export const PAIRING_POLL_MS = 2000;

/**
 * The device's side of pairing: asks for a code, reports it, polls until a manager entered it and
 * returns the token. An expired or spent pairing starts over with a new code; an unreachable server
 * or a throttled request is retried. Stops (returning null) when `stopped()` says so.
 */
export async function pairDevice(
  kind: 'kiosk' | 'display',
  io: PairingIo,
  onProgress: (progress: PairingProgress) => void,
  stopped: () => boolean = () => false,
): Promise<string | null> {
  while (!stopped()) {
    const started = await io.post('/api/devices/pairings', { kind }).catch(() => null);
    const pairing = started?.status === 201 ? PairingStarted.safeParse(started.body) : null;
    if (!pairing?.success) {
      const retryAfterSec = started?.status === 429 ? 30 : 5;
      onProgress(started ? { step: 'waiting', retryAfterSec } : { step: 'unreachable' });
      await io.sleep(retryAfterSec * 1000);
      continue;
    }
    const { pairingId, code, secret, expiresAt } = pairing.data;
    onProgress({ step: 'code', code, expiresAt });
    while (!stopped()) {
      await io.sleep(PAIRING_POLL_MS);
      const reply = await io.post(`/api/devices/pairings/${encodeURIComponent(pairingId)}/claim`, { secret }).catch(() => null);
      if (!reply) continue;
      const claimed = reply.status === 200 ? PairingClaimed.safeParse(reply.body) : null;
      if (claimed?.success && claimed.data.status === 'paired') return claimed.data.token;
      if (claimed?.success) continue;
      if (reply.status === 404) break;
    }
  }
  return null;
}
