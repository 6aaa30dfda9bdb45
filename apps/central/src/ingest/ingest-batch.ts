import type { ShipBatchReply, ShipBatchRequest } from '@rinda/shared';
import type { Sql } from '../db/sql';

/**
 * How far before the branch's clock at a batch that emptied its outbox head office counts itself complete: a
 * command stamped just before the branch read its outbox may commit just after (group commit holds it for a
 * few milliseconds), and its record then comes in the next batch.
 */
export const COMPLETE_MARGIN_MS = 10_000;

export type IngestOutcome =
  | { ok: true; data: ShipBatchReply }
  | { ok: false; code: 'FORBIDDEN'; message: string }
  | { ok: false; code: 'SEQUENCE_GAP'; message: string; expectedSeq: number };

/**
 * Stores a batch from the branch the token belongs to, exactly once and in order: records at or below what is
 * already stored are ignored (a resent batch changes nothing), and a batch that would leave a hole is refused
 * with the sequence number head office expects next. The unique key (branch, seq) backs this up should two
 * requests of one branch ever race (the row lock makes them take turns).
 */
export async function ingestBatch(sql: Sql, tokenBranch: string, batch: ShipBatchRequest, now: number): Promise<IngestOutcome> {
  if (batch.branchId !== tokenBranch)
    return { ok: false, code: 'FORBIDDEN', message: `This credential belongs to branch ${tokenBranch}, not ${batch.branchId}` };
  return sql.transaction(async (tx) => {
    const [branch] = await tx.query<{ stored_through: number }>('SELECT stored_through FROM branches WHERE id = $1 FOR UPDATE', [tokenBranch]);
    if (!branch) return { ok: false, code: 'FORBIDDEN', message: 'This branch is no longer registered' } as const;
    const fresh = batch.records.filter((r) => r.seq > branch.stored_through);
    const first = fresh[0];
    if (first && first.seq !== branch.stored_through + 1)
      return {
        ok: false,
        code: 'SEQUENCE_GAP',
        message: `Head office holds this branch's records through ${branch.stored_through}; the batch starts at ${first.seq}`,
        expectedSeq: branch.stored_through + 1,
      } as const;
    let inserted = 0;
    if (fresh.length > 0) {
      const rows = await tx.query(
        `INSERT INTO branch_events (branch_id, seq, kind, at, body, received_at)
         SELECT $1, r.seq, r.kind, r.at, r.body, $3 FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, kind text, at bigint, body jsonb)
         ON CONFLICT (branch_id, seq) DO NOTHING RETURNING seq`,
        [tokenBranch, JSON.stringify(fresh), now],
      );
      inserted = rows.length;
    }
    const storedThrough = Math.max(branch.stored_through, fresh[fresh.length - 1]?.seq ?? 0);
    // Only a batch that emptied the outbox proves head office has everything the branch committed before it.
    await tx.query(
      `UPDATE branches SET stored_through = $2, last_heard_at = $3, branch_now = $4, waiting_at_branch = $5,
         complete_until = CASE WHEN $5::bigint = 0 THEN greatest(coalesce(complete_until, 0), $4::bigint - $6::bigint) ELSE complete_until END
       WHERE id = $1`,
      [tokenBranch, storedThrough, now, batch.branchNow, batch.remaining, COMPLETE_MARGIN_MS],
    );
    return { ok: true, data: { storedThrough, inserted } } as const;
  });
}
