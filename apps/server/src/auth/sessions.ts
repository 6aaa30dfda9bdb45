import type { Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';
import { hashToken, newToken } from './tokens';
import type { UserRole } from './users';

/** A working day and then some: a teller signs in once per shift. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function createSession(db: Db, userId: string, now: number): { token: string; expiresAt: number } {
  const token = newToken();
  const expiresAt = now + SESSION_TTL_MS;
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashToken(token), userId, now, expiresAt);
  return { token, expiresAt };
}

export interface ActiveSession {
  tokenHash: string;
  userId: string;
  name: string;
  role: UserRole;
  /** 1 for a demo account: refused unless the server runs with --demo. */
  isDemo: number;
  /** 1 while the user must change a password a manager set: the session may do nothing else. */
  mustChangePassword: number;
}

/**
 * A session exists only while unexpired, unrevoked, and its user is not disabled. Whether it may act
 * (demo, password change pending) is authenticate.ts's decision.
 */
export function findActiveSession(db: Db, tokenHash: string, now: number): ActiveSession | undefined {
  // Run for every command (re-authentication), hence the cached statement.
  return cachedStatement(
    db,
    `SELECT s.token_hash AS tokenHash, u.id AS userId, u.name AS name, u.role AS role,
            u.is_demo AS isDemo, u.must_change_password AS mustChangePassword
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0`,
  ).get(tokenHash, now) as ActiveSession | undefined;
}

/**
 * Whether a session may still act: findActiveSession's condition, and no password change pending. Run before
 * every command of a signed-in user, so it reads one column, not the session's whole view.
 */
export function sessionMayAct(db: Db, tokenHash: string, now: number): boolean {
  const mustChange = cachedStatement(
    db,
    `SELECT u.must_change_password FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0`,
  )
    .pluck()
    .get(tokenHash, now);
  return mustChange === 0;
}

export function revokeSession(db: Db, tokenHash: string, now: number): void {
  db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, tokenHash);
}

/** Every session of the user but one (after a password change, the one that changed it stays). Returns how many. */
export function revokeOtherSessions(db: Db, userId: string, keepTokenHash: string, now: number): number {
  return db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND token_hash != ? AND revoked_at IS NULL').run(now, userId, keepTokenHash).changes;
}
