import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { authenticateToken, stillValid } from './authenticate';
import { enrolDevice, revokeDevice } from './devices';
import type { Principal } from './principal';
import { createSession, revokeSession } from './sessions';
import { insertUser } from './users';

const NOW = Date.parse('2026-03-10T09:00:00Z');

describe('stillValid: re-authentication before every command', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-auth-'));
    db = openDatabase(join(dir, 'rinda.sqlite'), { now: NOW });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const realBranch = { demo: false };
  const principalOf = (token: string): Principal => {
    const authenticated = authenticateToken(db, token, NOW, realBranch);
    if (!authenticated.ok) throw new Error(`token did not authenticate: ${authenticated.error.message}`);
    return authenticated.data;
  };
  const plainUser = { isDemo: false, mustChangePassword: false };

  it('refuses a teller at the next check once the session is revoked, the user disabled, or the session expired', async () => {
    const user = await insertUser(db, { username: 'anna', name: 'Anna', role: 'teller', password: 'correct horse 42' }, plainUser, NOW);
    const revoked = principalOf(createSession(db, user.id, NOW).token);
    const kept = createSession(db, user.id, NOW);
    const keptPrincipal = principalOf(kept.token);
    expect(revoked.kind).toBe('user');
    expect(stillValid(db, revoked, NOW)).toBe(true);

    revokeSession(db, principalTokenHash(revoked), NOW);
    expect(stillValid(db, revoked, NOW + 1)).toBe(false);
    expect(stillValid(db, keptPrincipal, NOW + 1)).toBe(true);
    expect(stillValid(db, keptPrincipal, kept.expiresAt)).toBe(false);
    db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(user.id);
    expect(stillValid(db, keptPrincipal, NOW + 2)).toBe(false);
  });

  it('refuses a kiosk at the next check once the device is revoked, and never takes a device token for a session', () => {
    const kiosk = enrolDevice(db, { kind: 'kiosk', name: 'Hall kiosk' }, NOW);
    const principal = principalOf(kiosk.token);
    expect(principal.kind).toBe('device');
    expect(stillValid(db, principal, NOW)).toBe(true);
    const asUser: Principal = { kind: 'user', role: 'teller', userId: 'x', name: 'x', tokenHash: principalTokenHash(principal) };
    expect(stillValid(db, asUser, NOW)).toBe(false);

    revokeDevice(db, kiosk.id, NOW);
    expect(stillValid(db, principal, NOW + 1)).toBe(false);
  });

  it('refuses demo accounts and devices, saying why, unless the server runs with --demo', async () => {
    const user = await insertUser(db, { username: 'manager', name: 'Demo', role: 'manager', password: 'manager' }, { isDemo: true, mustChangePassword: false }, NOW);
    const session = createSession(db, user.id, NOW);
    const kiosk = enrolDevice(db, { kind: 'kiosk', name: 'Demo kiosk', isDemo: true }, NOW);
    for (const token of [session.token, kiosk.token]) {
      const refused = authenticateToken(db, token, NOW, realBranch);
      expect(refused).toMatchObject({ ok: false, error: { code: 'DEMO_ACCOUNT', message: expect.stringContaining('--demo') } });
      expect(authenticateToken(db, token, NOW, { demo: true }).ok).toBe(true);
    }
  });

  it('lets a session whose password a manager set do nothing until it is changed', async () => {
    const user = await insertUser(db, { username: 'liga', name: 'Līga', role: 'teller', password: 'set by a manager' }, { isDemo: false, mustChangePassword: true }, NOW);
    const session = createSession(db, user.id, NOW);
    expect(authenticateToken(db, session.token, NOW, realBranch)).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    db.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(user.id);
    const principal = principalOf(session.token);
    expect(stillValid(db, principal, NOW)).toBe(true);
    db.prepare('UPDATE users SET must_change_password = 1 WHERE id = ?').run(user.id);
    expect(stillValid(db, principal, NOW)).toBe(false);
  });
});

function principalTokenHash(p: Principal): string {
  if (p.kind === 'public') throw new Error('public principals hold no token');
  return p.tokenHash;
}
