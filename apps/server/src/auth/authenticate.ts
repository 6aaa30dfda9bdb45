import type { Db } from '../db/database';
import type { Principal } from './principal';
import { findActiveDevice } from './devices';
import { findActiveSession } from './sessions';
import { hashToken } from './tokens';

/**
 * Resolves a bearer token (user session or device) to who it belongs to, or null.
 * Called at connect and again on every event, so a revoked session or device stops at once.
 */
export function authenticateToken(db: Db, token: string, now: number): Principal | null {
  return principalForTokenHash(db, hashToken(token), now);
}

function principalForTokenHash(db: Db, tokenHash: string, now: number): Principal | null {
  const session = findActiveSession(db, tokenHash, now);
  if (session) return { kind: 'user', role: session.role, userId: session.userId, name: session.name, tokenHash };
  const device = findActiveDevice(db, tokenHash);
  if (device) return { kind: 'device', role: device.kind, deviceId: device.id, name: device.name, tokenHash };
  return null;
}

/**
 * Re-checks a principal that authenticated earlier; public principals need no credential. A token is a
 * session's or a device's, and the principal says which: one lookup per command, not a session miss first.
 */
export function stillValid(db: Db, principal: Principal, now: number): boolean {
  switch (principal.kind) {
    case 'public':
      return true;
    case 'user':
      return findActiveSession(db, principal.tokenHash, now) !== undefined;
    case 'device':
      return findActiveDevice(db, principal.tokenHash) !== undefined;
  }
}
