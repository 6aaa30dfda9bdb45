import { fail, ok, type Result } from '@rinda/shared';
import type { Db } from '../db/database';
import type { Principal } from './principal';
import { deviceIsActive, findActiveDevice } from './devices';
import { findActiveSession, sessionMayAct } from './sessions';
import { hashToken } from './tokens';

/** How this server runs: demo accounts and devices act only while it runs with --demo. */
export interface AuthMode {
  demo: boolean;
}

export const DEMO_ACCOUNT_REFUSAL = 'This is a demo account, made by --demo: it can sign in only while the server runs with --demo';
export const DEMO_DEVICE_REFUSAL = 'This is a demo device, enrolled by --demo: it works only while the server runs with --demo; pair it again';
export const PASSWORD_CHANGE_REFUSAL = 'A manager set your password: change it (POST /api/auth/password) before doing anything else';

/**
 * Resolves a bearer token (user session or device) to who it belongs to, or says why not: unknown,
 * expired or revoked (UNAUTHENTICATED), a demo credential on a real branch (DEMO_ACCOUNT), a session
 * whose password must be changed first (PASSWORD_CHANGE_REQUIRED). Called at connect and on every route.
 */
export function authenticateToken(db: Db, token: string, now: number, mode: AuthMode): Result<Principal> {
  const tokenHash = hashToken(token);
  const session = findActiveSession(db, tokenHash, now);
  if (session) {
    if (session.isDemo && !mode.demo) return fail('DEMO_ACCOUNT', DEMO_ACCOUNT_REFUSAL);
    if (session.mustChangePassword) return fail('PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_REFUSAL);
    return ok({ kind: 'user', role: session.role, userId: session.userId, name: session.name, tokenHash });
  }
  const device = findActiveDevice(db, tokenHash);
  if (device) {
    if (device.is_demo && !mode.demo) return fail('DEMO_ACCOUNT', DEMO_DEVICE_REFUSAL);
    return ok({ kind: 'device', role: device.kind, deviceId: device.id, name: device.name, tokenHash });
  }
  return fail('UNAUTHENTICATED', 'Unknown, expired or revoked credentials');
}

/**
 * Re-checks a principal that authenticated earlier; public principals need no credential. A token is a
 * session's or a device's, and the principal says which: one lookup per command, not a session miss first.
 * The server's mode does not change while it runs, so a principal that passed the demo check still does.
 */
export function stillValid(db: Db, principal: Principal, now: number): boolean {
  switch (principal.kind) {
    case 'public':
      return true;
    case 'user':
      return sessionMayAct(db, principal.tokenHash, now);
    case 'device':
      return deviceIsActive(db, principal.tokenHash);
  }
}
