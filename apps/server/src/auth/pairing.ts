import { randomInt, timingSafeEqual } from 'node:crypto';
import { DeviceKind } from '@rinda/shared';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { bindRatingScreen } from '../ratings/rating-screens';
import { enrolUnclaimedDevice } from './devices';
import { hashToken, newRandomId, newToken } from './tokens';

/** A code is typed by a person within minutes: short, no look-alike characters (0/O, 1/I/L). */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 10 * 60_000;
/** A paired device collects its token within this time (it polls every few seconds). */
export const CLAIM_TTL_MS = 10 * 60_000;
/**
 * Unauthenticated requests create pairings, so they are bounded twice: one address holds at most
 * MAX_OPEN_PER_ADDRESS open codes (its newest: a device that reloads gets a new code and its old one goes),
 * and the whole server MAX_OPEN_PAIRINGS. When that is full, a new request takes the place of the oldest
 * code of the address holding the most: a flood from a few addresses never keeps out a device at another.
 */
export const MAX_OPEN_PER_ADDRESS = 3;
export const MAX_OPEN_PAIRINGS = 200;

type Kind = z.infer<typeof DeviceKind>;

interface PairingRow {
  id: string;
  kind: Kind;
  code_hash: string;
  secret_hash: string;
  created_at: number;
  expires_at: number;
  device_id: string | null;
  paired_at: number | null;
  claimed_at: number | null;
}

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/** What a person types: case and spaces or dashes do not matter. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export interface StartedPairing {
  pairingId: string;
  code: string;
  secret: string;
  expiresAt: number;
}

/**
 * A device without a token asks to be paired (from `address`, the throttle's key of its peer address);
 * the code is shown on its screen, the secret kept by it. Always succeeds, within the bounds above.
 */
export function startPairing(db: Db, kind: Kind, address: string, now: number): StartedPairing {
  return db.transaction((): StartedPairing => {
    db.prepare('DELETE FROM device_pairings WHERE claimed_at IS NULL AND expires_at <= ? AND (paired_at IS NULL OR paired_at + ? <= ?)').run(
      now,
      CLAIM_TTL_MS,
      now,
    );
    const openOf = (where: string, ...params: unknown[]) =>
      db.prepare(`SELECT id FROM device_pairings WHERE paired_at IS NULL AND expires_at > ? ${where} ORDER BY created_at, id`).all(now, ...params) as {
        id: string;
      }[];
    const drop = db.prepare('DELETE FROM device_pairings WHERE id = ?');
    const mine = openOf('AND requested_from = ?', address);
    for (const row of mine.slice(0, Math.max(0, mine.length - MAX_OPEN_PER_ADDRESS + 1))) drop.run(row.id);
    const open = db.prepare('SELECT COUNT(*) AS n FROM device_pairings WHERE paired_at IS NULL AND expires_at > ?').get(now) as { n: number };
    if (open.n >= MAX_OPEN_PAIRINGS) {
      const busiest = db
        .prepare(
          `SELECT requested_from AS address FROM device_pairings WHERE paired_at IS NULL AND expires_at > ?
           GROUP BY requested_from ORDER BY COUNT(*) DESC, MIN(created_at) LIMIT 1`,
        )
        .get(now) as { address: string };
      const oldest = openOf('AND requested_from = ?', busiest.address)[0];
      if (oldest) drop.run(oldest.id);
    }
    const pairingId = newRandomId();
    const code = newPairingCode();
    const secret = newToken();
    const expiresAt = now + PAIRING_TTL_MS;
    db.prepare(
      'INSERT INTO device_pairings (id, kind, code_hash, secret_hash, created_at, expires_at, requested_from) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(pairingId, kind, hashToken(code), hashToken(secret), now, expiresAt, address);
    return { pairingId, code, secret, expiresAt };
  }).immediate();
}

export type PairResult = { ok: true; deviceId: string } | { ok: false; reason: 'unknown_code' | 'counter_required' | 'counter_not_allowed' };

/**
 * A manager entered the code: the device is created (without a token yet) and the code is spent. A rating screen
 * is bound to `counterId` in the same transaction (it needs one; no other device takes one): a refusal spends nothing.
 */
export function completePairing(
  db: Db,
  code: string,
  device: { name: string; printerUrl: string | null; isDemo: boolean; counterId: string | null },
  now: number,
): PairResult {
  return db.transaction((): PairResult => {
    const row = db
      .prepare('SELECT * FROM device_pairings WHERE code_hash = ? AND paired_at IS NULL AND expires_at > ?')
      .get(hashToken(normaliseCode(code)), now) as PairingRow | undefined;
    if (!row) return { ok: false, reason: 'unknown_code' };
    const { counterId, ...enrolled } = device;
    if (row.kind === 'rating' && counterId === null) return { ok: false, reason: 'counter_required' };
    if (row.kind !== 'rating' && counterId !== null) return { ok: false, reason: 'counter_not_allowed' };
    const deviceId = enrolUnclaimedDevice(db, { kind: row.kind, ...enrolled }, now);
    if (counterId !== null) bindRatingScreen(db, deviceId, counterId);
    db.prepare('UPDATE device_pairings SET device_id = ?, paired_at = ? WHERE id = ?').run(deviceId, now, row.id);
    return { ok: true, deviceId };
  }).immediate();
}

export type ClaimResult =
  | { ok: true; status: 'pending'; expiresAt: number }
  | { ok: true; status: 'paired'; token: string; deviceId: string; kind: Kind }
  | { ok: false; reason: 'unknown' | 'wrong_secret' };

/**
 * The device polls with its secret: pending until a manager paired it, then its token, exactly once.
 * The token is made here, so it never waits in the database: only its hash is stored.
 */
export function claimPairing(db: Db, pairingId: string, secret: string, now: number): ClaimResult {
  return db.transaction((): ClaimResult => {
    const row = db.prepare('SELECT * FROM device_pairings WHERE id = ?').get(pairingId) as PairingRow | undefined;
    if (!row || row.claimed_at !== null) return { ok: false, reason: 'unknown' };
    if (!sameHash(row.secret_hash, hashToken(secret))) return { ok: false, reason: 'wrong_secret' };
    if (row.paired_at === null || row.device_id === null) {
      return row.expires_at > now ? { ok: true, status: 'pending', expiresAt: row.expires_at } : { ok: false, reason: 'unknown' };
    }
    if (row.paired_at + CLAIM_TTL_MS <= now) return { ok: false, reason: 'unknown' };
    const token = newToken();
    const changed = db.prepare('UPDATE devices SET token_hash = ? WHERE id = ? AND token_hash IS NULL AND revoked_at IS NULL').run(hashToken(token), row.device_id);
    db.prepare('UPDATE device_pairings SET claimed_at = ? WHERE id = ?').run(now, row.id);
    if (changed.changes !== 1) return { ok: false, reason: 'unknown' };
    return { ok: true, status: 'paired', token, deviceId: row.device_id, kind: row.kind };
  }).immediate();
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
