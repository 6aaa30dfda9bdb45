import { bundleHash } from '@rinda/server';
import {
  BUNDLE_LIMITS,
  BundleContent,
  BundleOutcome,
  bundleState,
  canonicalJson,
  type AssignBundleRequest,
  type BranchBundleStatus,
  type BundleSyncReply,
  type BundleSyncRequest,
  type ConfigBundle,
  type PublishBundleRequest,
} from '@rinda/shared';
import type { Sql } from '../db/sql';

export type BundleRefusal = { ok: false; code: 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN'; message: string };

type BundleRow = { version: number; hash: string; content: unknown; note: string; created_at: number };
const toBundle = (row: BundleRow): ConfigBundle => ({
  version: row.version,
  hash: row.hash,
  content: BundleContent.parse(row.content),
  note: row.note,
  createdAt: row.created_at,
});

/** Publishes a bundle: a new version, immutable from now on (a trigger refuses any change to the row). */
export async function publishBundle(sql: Sql, input: PublishBundleRequest, now: number): Promise<{ ok: true; data: { version: number; hash: string; createdAt: number } } | BundleRefusal> {
  const bytes = Buffer.byteLength(canonicalJson(input.content));
  if (bytes > BUNDLE_LIMITS.maxContentBytes) return { ok: false, code: 'BAD_REQUEST', message: `A bundle's content is at most ${BUNDLE_LIMITS.maxContentBytes} bytes; this one is ${bytes}` };
  const hash = bundleHash(input.content);
  const [row] = await sql.query<{ version: number }>('INSERT INTO config_bundles (hash, content, note, created_at) VALUES ($1, $2, $3, $4) RETURNING version', [
    hash,
    canonicalJson(input.content),
    input.note,
    now,
  ]);
  return { ok: true, data: { version: row!.version, hash, createdAt: now } };
}

export async function getBundle(sql: Sql, version: number): Promise<ConfigBundle | null> {
  const [row] = await sql.query<BundleRow>('SELECT version, hash, content, note, created_at FROM config_bundles WHERE version = $1', [version]);
  return row ? toBundle(row) : null;
}

/**
 * Assigns a bundle to the branches named (all of them must exist) or to every branch of a region, replacing
 * each one's earlier assignment: the latest wins, so a branch that was away gets only it.
 */
export async function assignBundle(sql: Sql, version: number, input: AssignBundleRequest, now: number): Promise<{ ok: true; data: { version: number; branches: string[] } } | BundleRefusal> {
  return sql.transaction(async (tx) => {
    const [bundle] = await tx.query('SELECT version FROM config_bundles WHERE version = $1', [version]);
    if (!bundle) return { ok: false, code: 'NOT_FOUND', message: `No bundle version ${version}` } as const;
    const rows = input.branches
      ? await tx.query<{ id: string }>('SELECT id FROM branches WHERE id = ANY($1::text[]) ORDER BY id', [input.branches])
      : await tx.query<{ id: string }>('SELECT id FROM branches WHERE region = $1 ORDER BY id', [input.region]);
    const ids = rows.map((r) => r.id);
    const unknown = input.branches?.filter((b) => !ids.includes(b)) ?? [];
    if (unknown.length > 0) return { ok: false, code: 'NOT_FOUND', message: `Unknown branches (nothing assigned): ${unknown.slice(0, 20).join(', ')}` } as const;
    if (ids.length === 0) return { ok: false, code: 'NOT_FOUND', message: `No branches in region ${input.region ?? ''} (nothing assigned)` } as const;
    await tx.query(
      `INSERT INTO bundle_assignments (branch_id, version, force, assigned_at) SELECT id, $2, $3, $4 FROM unnest($1::text[]) AS id
       ON CONFLICT (branch_id) DO UPDATE SET version = excluded.version, force = excluded.force, assigned_at = excluded.assigned_at`,
      [ids, version, input.force, now],
    );
    return { ok: true, data: { version, branches: ids } } as const;
  });
}

/**
 * A branch's sync: records what it says (the acknowledgement of what it runs, its drift, its last outcome) and
 * answers with its assigned bundle when it does not run that one. Only ever the token's own branch.
 */
export async function syncBranch(sql: Sql, tokenBranch: string, report: BundleSyncRequest, now: number): Promise<{ ok: true; data: BundleSyncReply } | BundleRefusal> {
  if (report.branchId !== tokenBranch) return { ok: false, code: 'FORBIDDEN', message: `This credential belongs to branch ${tokenBranch}, not ${report.branchId}` };
  await sql.query(
    `INSERT INTO bundle_reports (branch_id, running_version, running_hash, drift, last_outcome, reported_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (branch_id) DO UPDATE SET running_version = excluded.running_version, running_hash = excluded.running_hash,
       drift = excluded.drift, last_outcome = excluded.last_outcome, reported_at = excluded.reported_at`,
    [tokenBranch, report.running?.version ?? null, report.running?.hash ?? null, JSON.stringify(report.drift), report.last ? JSON.stringify(report.last) : null, now],
  );
  const [row] = await sql.query<BundleRow & { force: boolean }>(
    `SELECT b.version, b.hash, b.content, b.note, b.created_at, a.force FROM bundle_assignments a JOIN config_bundles b ON b.version = a.version WHERE a.branch_id = $1`,
    [tokenBranch],
  );
  if (!row || (report.running?.version === row.version && report.running.hash === row.hash)) return { ok: true, data: { bundle: null, force: false } };
  return { ok: true, data: { bundle: toBundle(row), force: row.force } };
}

/** Which bundle each branch should run and runs, and the state that follows (bundleState). */
export async function bundleStatus(sql: Sql): Promise<BranchBundleStatus[]> {
  const rows = await sql.query<{
    id: string;
    region: string;
    version: number | null;
    hash: string | null;
    force: boolean | null;
    assigned_at: number | null;
    running_version: number | null;
    running_hash: string | null;
    drift: string[] | null;
    last_outcome: unknown;
    reported_at: number | null;
  }>(
    `SELECT br.id, br.region, a.version, b.hash, a.force, a.assigned_at, r.running_version, r.running_hash, r.drift, r.last_outcome, r.reported_at
     FROM branches br
     LEFT JOIN bundle_assignments a ON a.branch_id = br.id
     LEFT JOIN config_bundles b ON b.version = a.version
     LEFT JOIN bundle_reports r ON r.branch_id = br.id
     ORDER BY br.id`,
  );
  return rows.map((r) => {
    const assigned = r.version !== null && r.hash !== null ? { version: r.version, hash: r.hash, force: r.force ?? false, assignedAt: r.assigned_at ?? 0 } : null;
    const running = r.running_version !== null && r.running_hash !== null ? { version: r.running_version, hash: r.running_hash } : null;
    const drift = r.drift ?? [];
    const last = r.last_outcome === null ? null : BundleOutcome.parse(r.last_outcome);
    const { state, reason } = bundleState(assigned, r.reported_at === null ? null : { running, drift, last });
    return { branchId: r.id, region: r.region, assigned, running, state, reason, drift, lastSyncAt: r.reported_at };
  });
}
