import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { cachedStatement } from './statement-cache';

describe('cachedStatement', () => {
  it('compiles each SQL text once per connection and keeps connections apart', () => {
    const first = new Database(':memory:');
    const second = new Database(':memory:');
    try {
      const sql = 'SELECT ? + 1 AS n';
      const statement = cachedStatement(first, sql);
      expect(cachedStatement(first, sql)).toBe(statement);
      expect(cachedStatement(first, 'SELECT 2 AS n')).not.toBe(statement);
      expect(cachedStatement(second, sql)).not.toBe(statement);
      expect(cachedStatement(second, sql).get(41)).toEqual({ n: 42 });
    } finally {
      first.close();
      second.close();
    }
  });
});
