import { HEADSET_FRAGMENT_NAME, type ShellRole } from '@rinda/shared';

/**
 * The renderer's start screen. The device token travels in the fragment: a fragment is never sent to the
 * server, so it cannot end up in access logs or a Referer header the way a query string would. Without a
 * token the app opens bare: a new device shows its pairing code, a paired one uses the token it kept.
 * A kiosk's start URL always says its headset output (`headset=<label>`, or `headset=` for none), so the page keeps
 * what the shell's config says now, also after the label is removed from it.
 */
export function buildStartUrl(serverOrigin: string, role: ShellRole, deviceToken?: string, headsetOutput?: string): string {
  const app = `${serverOrigin}/${role}/`;
  const parts = [
    ...(deviceToken === undefined ? [] : [`token=${encodeURIComponent(deviceToken)}`]),
    ...(role === 'kiosk' ? [`${HEADSET_FRAGMENT_NAME}=${encodeURIComponent(headsetOutput ?? '')}`] : []),
  ];
  return parts.length === 0 ? app : `${app}#${parts.join('&')}`;
}
