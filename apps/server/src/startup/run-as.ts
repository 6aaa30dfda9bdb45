import { z } from 'zod';

/**
 * A service that answers the network runs as its own unprivileged user (docs/OPERATIONS.md): as root, a
 * flaw in it, or in a library, would own the machine, and the files it made would be root's.
 */
export const ROOT_REFUSAL =
  'Rinda does not run as root (uid 0): run it as an unprivileged user, for example the service user "rinda" of ' +
  'docs/OPERATIONS.md (sudo -u rinda ...). If you really must run it as root, add --allow-root or set RINDA_ALLOW_ROOT=1.';

export const DEMO_AS_ROOT_WARNING =
  'the demo is running as root (uid 0): fine for a try-out, but a real branch refuses root (docs/OPERATIONS.md).';

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** An on/off environment variable: 1/true/yes or 0/false/no (or empty); anything else is refused. */
export const EnvSwitch = z
  .enum(['1', 'true', 'yes', '0', 'false', 'no', ''], { error: 'must be 1 or 0 (true/false, yes/no)' })
  .transform((value) => value === '1' || value === 'true' || value === 'yes');
