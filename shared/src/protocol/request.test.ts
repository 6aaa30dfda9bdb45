import { describe, expect, it } from 'vitest';
import { RequestId } from './commands';
import { newRequestId, requestIdAt } from './request';

describe('newRequestId', () => {
  it('is 32 hex digits the protocol accepts, the time first', () => {
    const at = Date.parse('2026-12-06T23:00:00Z');
    const id = requestIdAt(at);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(RequestId.safeParse(id).success).toBe(true);
    expect(parseInt(id.slice(0, 12), 16)).toBe(at);
    const now = newRequestId();
    expect(now).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(parseInt(now.slice(0, 12), 16) - Date.now())).toBeLessThan(60_000);
  });

  it('sorts by the time it was made, so a later action never sorts before an earlier one', () => {
    const at = Date.parse('2026-12-06T23:00:00Z');
    const ids = [at, at + 1, at + 1000, at + 86_400_000].map((t) => requestIdAt(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats within the same millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => requestIdAt(at)));
    expect(ids.size).toBe(10_000);
  });
});
