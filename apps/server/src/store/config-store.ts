import { BranchConfig } from '@rinda/shared';
import type { Db } from '../db/database';

/** The branch configuration lives in the database so edits made in the manager app survive restarts. */
export function loadStoredConfig(db: Db): BranchConfig | null {
  const row = db.prepare('SELECT json FROM branch_config WHERE id = 1').get() as { json: string } | undefined;
  if (!row) return null;
  const parsed = BranchConfig.safeParse(JSON.parse(row.json));
  if (!parsed.success) throw new Error(`The branch configuration stored in the database is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Stores the configuration and, in the same transaction, puts it in the head-office outbox (reports need it)
 * and runs `alsoInTransaction` (what must land with the change or not at all).
 */
export function saveConfig(db: Db, config: BranchConfig, now: number, alsoInTransaction?: () => void): void {
  const json = JSON.stringify(config);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO branch_config (id, json, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ).run(json, now);
    db.prepare("INSERT INTO central_outbox (kind, at, body) VALUES ('config', ?, ?)").run(now, json);
    alsoInTransaction?.();
  })();
}
