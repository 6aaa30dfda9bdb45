import type { ShellRole } from '@rinda/shared';

/**
 * The renderer's start screen. The device token travels in the fragment: a fragment is never sent to the
 * server, so it cannot end up in access logs or a Referer header the way a query string would.
 */
export function buildStartUrl(serverOrigin: string, role: ShellRole, deviceToken: string): string {
  return `${serverOrigin}/${role}/#token=${encodeURIComponent(deviceToken)}`;
}
