import { createHash } from 'node:crypto';
import type { Db } from '../db/database';

export interface StoredResponse<T> {
  command: string;
  payloadHash: string;
  response: T;
}

/** What identifies "the same request": the command and its parsed payload, requestId aside. */
export function payloadHash(command: string, payload: Record<string, unknown>): string {
  const { requestId: _requestId, ...rest } = payload;
  return createHash('sha256').update(command).update('\n').update(JSON.stringify(rest)).digest('hex');
}

/** The idempotency table: the first successful response per (actor, requestId). */
export class ProcessedRequests {
  private readonly findStmt;
  private readonly insertStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare('SELECT command, payload_hash AS payloadHash, response FROM processed_requests WHERE actor = ? AND request_id = ?');
    this.insertStmt = db.prepare(
      'INSERT INTO processed_requests (request_id, actor, command, payload_hash, response, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * The answer stored for this actor's requestId. `T` is the answer of the command it was stored for: a caller
   * compares `command` and `payloadHash` with its own request before handing it on.
   */
  find<T>(actor: string, requestId: string): StoredResponse<T> | null {
    const row = this.findStmt.get(actor, requestId) as { command: string; payloadHash: string; response: string } | undefined;
    return row ? { command: row.command, payloadHash: row.payloadHash, response: JSON.parse(row.response) } : null;
  }

  /** Inside the command's transaction, so the response exists exactly when the effects do. */
  save(actor: string, requestId: string, command: string, hash: string, response: unknown, at: number): void {
    this.insertStmt.run(requestId, actor, command, hash, JSON.stringify(response), at);
  }
}

/** Retries come within seconds or minutes; a week of responses is plenty and keeps the table small. */
const PROCESSED_REQUEST_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function pruneProcessedRequests(db: Db, now: number): number {
  return db.prepare('DELETE FROM processed_requests WHERE at < ?').run(now - PROCESSED_REQUEST_RETENTION_MS).changes;
}
