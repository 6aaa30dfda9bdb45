import type { ShellRole } from '@rinda/shared';

/**
 * The renderer's start screen. The device token travels in the fragment: a fragment is never sent to the
 * server, so it cannot end up in access logs or a Referer header the way a query string would. Without a
 * token the app opens bare: a new device shows its pairing code, a paired one uses the token it kept.
 */
export function buildStartUrl(serverOrigin: string, role: ShellRole, deviceToken?: string): string {
  const app = `${serverOrigin}/${role}/`;
  return deviceToken === undefined ? app : `${app}#token=${encodeURIComponent(deviceToken)}`;
}
