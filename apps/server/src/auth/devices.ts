import { z } from 'zod';
import { DeviceKind, type DeviceView, type PrinterHealth } from '@rinda/shared';
import type { Db } from '../db/database';
import { cachedStatement } from '../db/statement-cache';
import { hashToken, newRandomId, newToken } from './tokens';

/** Where a kiosk printed through the server sends its tickets; null: it prints itself or has no printer. */
export const PrinterUrl = z
  .string()
  .max(200)
  .regex(/^(tcp:\/\/[^\s/]+:\d{1,5}|file:\/\S+|printer:\S+)$/, 'tcp://host:port, file:/dev/..., or printer:NAME');

export const DeviceName = z.string().trim().min(1).max(80);

export interface DeviceRow {
  id: string;
  kind: z.infer<typeof DeviceKind>;
  name: string;
  token_hash: string | null;
  printer_url: string | null;
  printer_health: PrinterHealth;
  /** The id of its printer's profile in the configuration's printerProfiles (migration 070). */
  printer_profile: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** Enrolled by --demo (or paired while it ran): refused by a server started without --demo. */
  is_demo: number;
  /** A rating screen's counter (rating_screens, migration 130); null for any other device. */
  rating_counter_id: string | null;
}

/** A device with its rating screen's counter, if it is one. */
const DEVICE_ROWS = 'SELECT d.*, r.counter_id AS rating_counter_id FROM devices d LEFT JOIN rating_screens r ON r.device_id = d.id';

export interface NewDevice {
  kind: z.infer<typeof DeviceKind>;
  name: string;
  printerUrl?: string | null;
  isDemo?: boolean;
}

/** Enrols a kiosk or display and returns its token, shown once; only the hash is kept. */
export function enrolDevice(db: Db, input: NewDevice, now: number): { id: string; token: string } {
  const token = newToken();
  return { id: insertDevice(db, input, hashToken(token), now), token };
}

/** A device paired by code: it exists (the manager sees it) but has no token until it claims one. */
export function enrolUnclaimedDevice(db: Db, input: NewDevice, now: number): string {
  return insertDevice(db, input, null, now);
}

function insertDevice(db: Db, input: NewDevice, tokenHash: string | null, now: number): string {
  const kind = DeviceKind.parse(input.kind);
  const name = DeviceName.parse(input.name);
  const printerUrl = input.printerUrl == null ? null : PrinterUrl.parse(input.printerUrl);
  const id = newRandomId();
  db.prepare(
    `INSERT INTO devices (id, kind, name, token_hash, printer_url, printer_health, created_at, is_demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, kind, name, tokenHash, printerUrl, printerUrl ? 'unknown' : 'none', now, input.isDemo ? 1 : 0);
  return id;
}

/** Its token stops working at once; live connections are closed by the session watch within a second or two. */
export function revokeDevice(db: Db, deviceId: string, now: number): boolean {
  return db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId).changes === 1;
}

/** Names the profile of a kiosk's printer (an id of the configuration's printerProfiles, checked by the caller). */
export function setPrinterProfile(db: Db, deviceId: string, profileId: string): boolean {
  return db.prepare("UPDATE devices SET printer_profile = ? WHERE id = ? AND kind = 'kiosk'").run(profileId, deviceId).changes === 1;
}

/** A new token for an existing device; the old one stops working at once. */
export function rotateDeviceToken(db: Db, deviceId: string): string {
  const token = newToken();
  db.prepare('UPDATE devices SET token_hash = ?, revoked_at = NULL WHERE id = ?').run(hashToken(token), deviceId);
  return token;
}

export function findActiveDevice(db: Db, tokenHash: string): DeviceRow | undefined {
  // Run for every command of a kiosk or display (re-authentication), hence the cached statement.
  return cachedStatement(db, `${DEVICE_ROWS} WHERE d.token_hash = ? AND d.revoked_at IS NULL`).get(tokenHash) as DeviceRow | undefined;
}

/**
 * Whether a device's token still works: findActiveDevice's condition without its row. Run before every command
 * of a kiosk or display; reading no columns (and no join) makes it a single index probe.
 */
export function deviceIsActive(db: Db, tokenHash: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM devices WHERE token_hash = ? AND revoked_at IS NULL').pluck().get(tokenHash) !== undefined;
}

export function getDevice(db: Db, deviceId: string): DeviceRow | undefined {
  // Read twice per kiosk ticket (the printer check, then the print), hence the cached statement.
  return cachedStatement(db, `${DEVICE_ROWS} WHERE d.id = ?`).get(deviceId) as DeviceRow | undefined;
}

export function listDevices(db: Db): DeviceRow[] {
  return db.prepare(`${DEVICE_ROWS} ORDER BY d.kind, d.name`).all() as DeviceRow[];
}

export function toDeviceView(row: DeviceRow, connected: boolean): DeviceView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    connected,
    lastSeenAt: row.last_seen_at,
    printer: row.printer_health,
    printerProfile: row.printer_profile,
    revoked: row.revoked_at !== null,
    ratingCounterId: row.rating_counter_id,
  };
}
