import type { AuditEntry } from '@rinda/shared';
import type { Db } from '../db/database';

/** Appends who changed what, when, with the value before and after (never a password or its hash). */
export function recordAudit(
  db: Db,
  entry: { at: number; userId: string; action: string; target: string | null; before: unknown; after: unknown },
): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.userId,
    entry.action,
    entry.target,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

/** Newest first; `beforeId` pages back through older entries. */
export function readAudit(db: Db, limit: number, beforeId: number | null): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.user_id AS userId, u.name AS userName, a.action, a.target, a.before, a.after
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE (@beforeId IS NULL OR a.id < @beforeId) ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({ limit, beforeId }) as (Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null })[];
  return rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
}
