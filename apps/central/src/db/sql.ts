import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Head office's one way to PostgreSQL: a real server through `pg`, or PGlite (PostgreSQL compiled to
 * WebAssembly, in this process) for the demo and quick tests. The same SQL runs on both; only this file knows
 * which one it is.
 */
export interface Sql {
  readonly kind: 'postgres' | 'pglite';
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (a migration file). */
  exec(text: string): Promise<void>;
  /** Runs `work` in one transaction: all of it lands or none does. */
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
export type SqlTx = Pick<Sql, 'query' | 'exec'>;

// int8 (bigint) columns hold epoch milliseconds and sequence numbers, all below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export function openPostgres(url: string, maxConnections = 10): Sql {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // A connection dropped by the server (a restart) is replaced on the next query; do not crash on it.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction<T>(work: (tx: SqlTx) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <R extends object>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
          exec: async (text: string) => void (await client.query(text)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (text: string) => void (await pool.query(text)),
    close: () => pool.end(),
  };
}

/** PGlite in memory (no dataDir) or in a directory (the demo keeps its head office between runs). */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const bigints = (rows: Record<string, unknown>[]) => {
    for (const row of rows) for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
    return rows;
  };
  return {
    kind: 'pglite',
    async query<T extends object>(text: string, params: unknown[] = []) {
      return bigints((await db.query<Record<string, unknown>>(text, params)).rows) as T[];
    },
    transaction<T>(work: (tx: SqlTx) => Promise<T>) {
      return db.transaction(async (tx) =>
        work({
          query: async <R extends object>(text: string, params: unknown[] = []) => bigints((await tx.query<Record<string, unknown>>(text, params)).rows) as R[],
          exec: async (text: string) => void (await tx.exec(text)),
        }),
      );
    },
    exec: async (text: string) => void (await db.exec(text)),
    close: () => db.close(),
  };
}

/** A real PostgreSQL when a URL is given, else PGlite (in `dataDir`, or in memory). */
export function openSql(options: { url?: string; dataDir?: string }): Promise<Sql> {
  return options.url ? Promise.resolve(openPostgres(options.url)) : openPglite(options.dataDir);
}
