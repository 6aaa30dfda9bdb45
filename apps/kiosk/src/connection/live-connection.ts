import type { HandshakeAuth } from '@rinda/shared';
import { LiveConnection, type HealthProbe } from '@rinda/shared/ui/connection';

export type { ConnectionState, ConnectionStatus, HealthProbe, LiveConnection } from '@rinda/shared/ui/connection';

/** Not connected for this long → offline: long enough to hide a blip. */
export const OFFLINE_AFTER_MS = 2000;

/**
 * A kiosk shows "out of service" within 5 s of a cut: at worst (a cut just after a probe)
 * everyMs + timeoutMs + OFFLINE_AFTER_MS = 4.5 s.
 */
export const KIOSK_PROBE: HealthProbe = { everyMs: 1000, timeoutMs: 1500 };
/** The longest a cut can go unseen with this probe: a cut just after a probe, found by the next one timing out. */
export function worstCaseOfflineNoticeMs(probe: HealthProbe): number {
  return probe.everyMs + probe.timeoutMs + OFFLINE_AFTER_MS;
}
/** A phone may be on a slow mobile network, and its page only says "reconnecting": no deadline to meet. */
export const PHONE_PROBE: HealthProbe = { everyMs: 2000, timeoutMs: 2000 };
const COMMAND_TIMEOUT_MS = 8000;
/** After a server upgrade the old page cannot talk to it; an unattended kiosk reloads to get the new one. */
const RELOAD_ON_MISMATCH_MS = 10_000;

/**
 * The kiosk's (device token) or a phone's status page's (ticket id) socket: the shared connection core,
 * plus a reload when the server speaks another protocol version.
 */
export function createLiveConnection(credentials: Omit<HandshakeAuth, 'protocolVersion'>, probe: HealthProbe): LiveConnection {
  const connection = new LiveConnection({ credentials, offlineAfterMs: OFFLINE_AFTER_MS, ackTimeoutMs: COMMAND_TIMEOUT_MS, probe });
  const stop = connection.subscribe(() => {
    if (connection.getState().refusal?.code !== 'PROTOCOL_MISMATCH') return;
    stop();
    setTimeout(() => window.location.reload(), RELOAD_ON_MISMATCH_MS);
  });
  return connection;
}
