import { CENTRAL_LIMITS, type CreateBranchRequest, type EnrolReply } from '@rinda/shared';
import type { Sql } from '../db/sql';
import { hashSecret, newEnrolmentCode, newToken } from './tokens';

export type Refusal = { ok: false; code: 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHORIZED' | 'FORBIDDEN'; message: string };

/**
 * Registers a branch (or gives a registered one a new code, which also revokes its token: a re-enrolled
 * branch's old credential stops working). The code is shown once, to whoever sets the branch up.
 */
export async function createBranch(sql: Sql, input: CreateBranchRequest, now: number): Promise<{ id: string; enrolmentCode: string; expiresAt: number }> {
  const code = newEnrolmentCode();
  const expiresAt = now + CENTRAL_LIMITS.enrolmentCodeTtlMs;
  await sql.query(
    `INSERT INTO branches (id, name, region, enrolment_code_hash, enrolment_expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, token_hash = NULL,
       enrolment_code_hash = excluded.enrolment_code_hash, enrolment_expires_at = excluded.enrolment_expires_at`,
    [input.id, input.name, input.region, hashSecret(code), expiresAt, now],
  );
  return { id: input.id, enrolmentCode: code, expiresAt };
}

/** Trades a one-time enrolment code for the branch's token. A used, expired or wrong code is refused alike. */
export async function enrolBranch(sql: Sql, branchId: string, code: string, now: number): Promise<{ ok: true; data: EnrolReply } | Refusal> {
  const token = newToken();
  const rows = await sql.query<{ id: string }>(
    `UPDATE branches SET token_hash = $3, enrolment_code_hash = NULL, enrolment_expires_at = NULL, enrolled_at = $4
     WHERE id = $1 AND enrolment_code_hash = $2 AND enrolment_expires_at > $4 RETURNING id`,
    [branchId, hashSecret(code), hashSecret(token), now],
  );
  if (rows.length !== 1) return { ok: false, code: 'UNAUTHORIZED', message: 'Unknown, used or expired enrolment code for this branch' };
  return { ok: true, data: { branchId, token } };
}

/** The branch a token belongs to, or null. */
export async function branchOfToken(sql: Sql, token: string): Promise<string | null> {
  const rows = await sql.query<{ id: string }>('SELECT id FROM branches WHERE token_hash = $1', [hashSecret(token)]);
  return rows[0]?.id ?? null;
}
