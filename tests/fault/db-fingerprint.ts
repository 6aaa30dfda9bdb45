import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A hash of every row of every table: equal before and after a refused request means it changed
 * nothing at all, not only that it added no rows. `last_seen_at` moves when sockets come and go,
 * which is presence, not state, so it is left out.
 */
export function dbFingerprint(db: Database.Database): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];
  for (const { name, sql } of tables) {
    // A table WITHOUT ROWID (processed_requests, migration 140) has no rowid and is read in its key's order.
    const order = /WITHOUT ROWID\s*$/i.test(sql) ? '' : ' ORDER BY rowid';
    const rows = db.prepare(`SELECT * FROM "${name}"${order}`).all() as Record<string, unknown>[];
    hash.update(name);
    for (const row of rows) {
      if (name === 'devices') delete row.last_seen_at;
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
