import type { Db } from '../db/database';

// Which counter each rating screen serves (migration 130): set once, when a manager pairs it.

/** Binds a newly paired rating screen to its counter (in the pairing's transaction). */
export function bindRatingScreen(db: Db, deviceId: string, counterId: string): void {
  db.prepare('INSERT INTO rating_screens (device_id, counter_id) VALUES (?, ?)').run(deviceId, counterId);
}

/** The counter a rating screen is bound to; null for any other device. */
export function counterOfRatingScreen(db: Db, deviceId: string): string | null {
  const row = db.prepare('SELECT counter_id AS counterId FROM rating_screens WHERE device_id = ?').get(deviceId) as { counterId: string } | undefined;
  return row?.counterId ?? null;
}
