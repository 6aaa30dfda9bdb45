import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

const statementsByDb = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement for `sql` on this connection, compiled on first use: better-sqlite3 compiles the SQL again
 * on every `prepare`, which a lookup made on every command (re-authentication, a teller's name) need not pay.
 * Kept per connection, and dropped with it.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let statements = statementsByDb.get(db);
  if (!statements) {
    statements = new Map();
    statementsByDb.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
