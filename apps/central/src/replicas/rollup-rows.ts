import { emptyPartial, encodePartial, mergePartial } from '@rinda/server/replay';
import type { SqlTx } from '../db/sql';

/** Group rows written per INSERT: a year of one branch is ~10 000 rows, sent in a few statements. */
const INSERT_CHUNK = 4_000;

/** One group's figures in one period, in the branch's roll-up format (report-partial.ts). */
export interface GroupRow {
  period: string;
  dim: string;
  key: string;
  data: Uint8Array;
}

/** Where roll-up groups are kept: a branch's own (migration 020) or a region's sums (migration 040). */
export interface RollupTable {
  table: 'rollup_groups' | 'rollup_region_groups';
  owner: 'branch_id' | 'region';
}

export const BRANCH_ROLLUPS: RollupTable = { table: 'rollup_groups', owner: 'branch_id' };
export const REGION_ROLLUPS: RollupTable = { table: 'rollup_region_groups', owner: 'region' };

/** The same figures without histograms (encoded with every histogram empty). */
function figuresOnly(data: Uint8Array): Uint8Array {
  const p = emptyPartial([]);
  mergePartial(p, data);
  return encodePartial(p);
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Inserts `rows` of one owner (a branch or a region), each with its figures-only copy. */
export async function insertGroups(tx: SqlTx, target: RollupTable, owner: string, rows: GroupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const part = rows.slice(i, i + INSERT_CHUNK);
    // bytea travels as hex text: the same parameters on pg and PGlite.
    await tx.query(
      `INSERT INTO ${target.table} (${target.owner}, period, dim, key, data, figures)
       SELECT $1, r.period, r.dim, r.key, decode(r.data, 'hex'), decode(r.figures, 'hex')
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(period, dim, key, data, figures)`,
      [owner, part.map((r) => r.period), part.map((r) => r.dim), part.map((r) => r.key), part.map((r) => hex(r.data)), part.map((r) => hex(figuresOnly(r.data)))],
    );
  }
}
