import { PairingClaimRoute, PairingStartRoute } from '../http/devices';
import { routeUrl } from '../http/route';
import type { DeviceKind } from './views';

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
  kind: DeviceKind,
  io: PairingIo,
  onProgress: (progress: PairingProgress) => void,
  stopped: () => boolean = () => false,
): Promise<string | null> {
  while (!stopped()) {
    const started = await io.post(PairingStartRoute.path, { kind }).catch(() => null);
    const pairing = started?.status === PairingStartRoute.status ? PairingStartRoute.reply.safeParse(started.body) : null;
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
      const reply = await io.post(routeUrl(PairingClaimRoute, { params: { pairingId } }), { secret }).catch(() => null);
      if (!reply) continue;
      const claimed = reply.status === 200 ? PairingClaimRoute.reply.safeParse(reply.body) : null;
      if (claimed?.success && claimed.data.status === 'paired') return claimed.data.token;
      if (claimed?.success) continue;
      if (reply.status === 404) break;
    }
  }
  return null;
}
