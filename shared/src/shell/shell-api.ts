import { z } from 'zod';
import type { BranchConfig } from '../config/branch-config';
import { DeviceKind, IssuedTicket, PrinterHealth } from '../protocol/views';

/** The devices the Electron shell runs: a rating screen is a plain browser (a tablet at the counter). */
const ShellRoleSchema = DeviceKind.exclude(['rating']);
export type ShellRole = z.infer<typeof ShellRoleSchema>;

/**
 * Why the shell did not print. `already-printed`: this ticket id was printed before (a reload or a double
 * touch never prints twice); `no-printer`: the shell has no printer configured (print through the server);
 * `invalid-ticket`: the arguments were not an IssuedTicket and a BranchConfig; printer states as in PrinterHealth; `failed`: the
 * printer took the job but reported an error, or could not be reached mid-job.
 */
export const ShellPrintFailure = z.enum(['already-printed', 'no-printer', 'invalid-ticket', 'paper_out', 'cover_open', 'offline', 'failed']);
export type ShellPrintFailure = z.infer<typeof ShellPrintFailure>;

export const ShellPrintResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: ShellPrintFailure, message: z.string().optional() }),
]);
export type ShellPrintResult = z.infer<typeof ShellPrintResult>;

export const ShellDeviceInfo = z.object({
  role: ShellRoleSchema,
  /** The branch server's origin, e.g. http://192.168.1.10:8080 */
  serverUrl: z.string(),
  /** The shell's version (the desktop app's package version). */
  version: z.string(),
  /** Whether this shell prints itself; false: the kiosk prints through the server as in a plain browser. */
  hasPrinter: z.boolean(),
});
export type ShellDeviceInfo = z.infer<typeof ShellDeviceInfo>;

/**
 * What the Electron shell's preload exposes to the kiosk and display renderers as `window.rindaShell`.
 * Declared once here; the preload's object ends with `satisfies ShellApi`. In a plain browser it is absent
 * and the apps use the server's paths instead (printing through the server, audio through <audio>).
 */
export interface ShellApi {
  /**
   * Prints the ticket the server just acknowledged on the shell's own printer. `branch` is the config from the
   * renderer's snapshot: the ticket shows the branch name, the service's name and the time in its zone.
   * A ticket id prints at most once; a second call for it resolves `{ ok: false, reason: 'already-printed' }`.
   */
  printTicket(issued: IssuedTicket, branch: BranchConfig): Promise<ShellPrintResult>;
  printerStatus(): Promise<PrinterHealth>;
  deviceInfo(): Promise<ShellDeviceInfo>;
}

declare global {
  interface Window {
    /** Present only inside the Rinda desktop shell. */
    readonly rindaShell?: ShellApi;
  }
}
