import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A hash of every row of every table: equal before and after a refused request means it changed
 * nothing at all, not only that it added no rows. `last_seen_at` moves when sockets come and go,
 * which is presence, not state, so it is left out.
 */
export function dbFingerprint(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
    hash.update(name);
    for (const row of rows) {
      if (name === 'devices') delete row.last_seen_at;
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
