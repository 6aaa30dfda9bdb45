import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterTargetUrl } from '@rinda/hardware';
import { CertificateFingerprint, HeadsetOutputLabel, PRINTER_PROFILE_FIELDS, type PrinterProfile } from '@rinda/shared';
import { z } from 'zod';

/** Env var that points at the shell's config file; otherwise it is `Rinda/shell.json` in the app-data folder. */
export const CONFIG_PATH_ENV = 'RINDA_SHELL_CONFIG';

/** The branch server's address: only its origin matters, so a path or query would only mislead. */
const ServerUrl = z
  .string()
  .url()
  .transform((s) => new URL(s))
  .refine((u) => u.protocol === 'http:' || u.protocol === 'https:', 'must be an http:// or https:// address')
  .refine((u) => (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash && !u.username && !u.password, 'must be a bare origin, e.g. http://192.168.1.10:8080')
  .transform((u) => u.origin);

/**
 * Where the kiosk prints: `tcp://host:port` (network printer), `file:/dev/usb/lp0` (device file),
 * `printer:NAME` (system printer), parsed as @rinda/hardware reads printer addresses; or `none` (a display,
 * or a kiosk printing through the server as in a plain browser).
 */
const ShellPrinterTarget = z.union([z.literal('none'), PrinterTargetUrl]);

/** Checks across fields run once every field parsed: a bad `server` is reported as such, not as a crash. */
function everyFieldValid(payload: { issues: readonly unknown[] }): boolean {
  return payload.issues.length === 0;
}

export const ShellConfig = z
  .object({
    role: z.enum(['kiosk', 'display']),
    server: ServerUrl,
    printer: ShellPrinterTarget.default('none'),
    // The printer's profile (shared/src/config/printer-profile.ts): paperWidthMm, codePages, qr, autoStatusBack.
    ...PRINTER_PROFILE_FIELDS,
    /**
     * The enrolled device's token; reaches the renderer only in the start URL's fragment. Absent on a new
     * device: the page shows a pairing code for a manager to type (manager app → Devices) and keeps the token
     * it is given in the shell's own storage.
     */
    deviceToken: z.string().min(22, 'a device token has at least 128 bits').optional(),
    /** How long a renderer may stay unresponsive before the shell reloads it. */
    hangReloadAfterSec: z.number().int().min(1).max(9).default(5),
    /**
     * The SHA-256 fingerprint of the server's certificate, written here when the device is paired (the server
     * prints it at start; the manager app shows it under Devices). The shell trusts that certificate and no other.
     */
    serverFingerprint: CertificateFingerprint.optional(),
    /**
     * A kiosk with a headset jack: (part of) the label of its headset output as the system lists it, e.g. "USB
     * Headset". The audio-guided mode speaks into it while it is plugged in (apps/kiosk/src/speech/audio-output.ts).
     */
    headsetOutput: HeadsetOutputLabel.optional(),
  })
  .strict()
  .refine((c) => c.role === 'kiosk' || c.printer === 'none', { message: 'a display has no printer: use "none"', path: ['printer'] })
  .refine((c) => c.role === 'kiosk' || c.headsetOutput === undefined, { message: 'a display has no headset: only a kiosk names one', path: ['headsetOutput'] })
  .refine((c) => !c.server.startsWith('https:') || c.serverFingerprint !== undefined, {
    message: "an https:// server needs serverFingerprint: the server certificate's SHA-256 fingerprint, as the server prints it at start and the manager app shows it under Devices",
    path: ['serverFingerprint'],
    when: everyFieldValid,
  })
  .refine((c) => c.server.startsWith('https:') || c.serverFingerprint === undefined, {
    message: 'serverFingerprint pins an https:// server; this server address is http://',
    path: ['serverFingerprint'],
    when: everyFieldValid,
  });
export type ShellConfig = z.infer<typeof ShellConfig>;

/** The profile of the shell's own printer, from its config's profile fields. */
export function shellPrinterProfile(config: Pick<ShellConfig, keyof PrinterProfile>): PrinterProfile {
  return { paperWidthMm: config.paperWidthMm, codePages: config.codePages, qr: config.qr, autoStatusBack: config.autoStatusBack };
}

export class ShellConfigError extends Error {
  override readonly name = 'ShellConfigError';
}

/** The config path: the env var when set, else the platform's app-data folder (from Electron's app.getPath('appData')). */
export function resolveConfigPath(env: Record<string, string | undefined>, appDataDir: string): string {
  const fromEnv = env[CONFIG_PATH_ENV]?.trim();
  return fromEnv ? fromEnv : join(appDataDir, 'Rinda', 'shell.json');
}

/** Parses the config file's text; every problem is named with its field so a technician can fix the file. */
export function parseShellConfig(text: string, path: string): ShellConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ShellConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = ShellConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new ShellConfigError(`${path}: invalid shell config\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

export function loadShellConfig(path: string): ShellConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ShellConfigError(`${path}: cannot read the shell config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); set ${CONFIG_PATH_ENV} or create the file`);
  }
  return parseShellConfig(text, path);
}
