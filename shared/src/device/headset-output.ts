import { z } from 'zod';

/**
 * A kiosk's headset output, named by (part of) its label as the system lists it, e.g. "USB Headset" or "Headphones".
 * Per kiosk: the shell's config (`headsetOutput`), or `#headset=…` in a plain browser's kiosk address. At most
 * HEADSET_LABEL_MAX characters (docs/SECURITY.md).
 */
export const HEADSET_LABEL_MAX = 100;
export const HeadsetOutputLabel = z
  .string()
  .trim()
  .min(1, 'name the headset output by (part of) its label')
  .max(HEADSET_LABEL_MAX, `at most ${HEADSET_LABEL_MAX} characters`);

/** The name of the kiosk address's fragment part that carries the headset label (`#token=…&headset=…`). */
export const HEADSET_FRAGMENT_NAME = 'headset';

/** One audio output as `navigator.mediaDevices.enumerateDevices()` lists it (shared compiles without DOM types). */
export interface ListedDevice {
  kind: string;
  deviceId: string;
  label: string;
}

/**
 * Chromium's stand-ins for "whatever the system uses now" ("Default - Headphones (…)" on Windows): never chosen by
 * their label, which names the device they follow today, not one that is plugged in.
 */
const SYSTEM_ALIASES = new Set(['default', 'communications', '']);

/**
 * The device id of the headset output the label names (the first audio output whose label contains it, ignoring
 * case), or null when none is plugged in, none is configured, or the page may not read device labels: then the
 * kiosk speaks through its loudspeaker (the system's default output).
 */
export function pickHeadsetOutput(devices: readonly ListedDevice[], headsetLabel: string | null): string | null {
  if (!headsetLabel) return null;
  const wanted = headsetLabel.toLocaleLowerCase();
  const found = devices.find((d) => d.kind === 'audiooutput' && !SYSTEM_ALIASES.has(d.deviceId) && d.label.toLocaleLowerCase().includes(wanted));
  return found?.deviceId ?? null;
}

/** A headset label from a kiosk's address, as the fragment reader wants it: the label, or why it is refused. */
export function parseHeadsetLabel(raw: string): string | Error {
  const parsed = HeadsetOutputLabel.safeParse(raw);
  return parsed.success ? parsed.data : new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}`);
}
