import { describe, expect, it } from 'vitest';
import { hashToken, newRandomId, newToken } from './tokens';

describe('random ids and tokens', () => {
  it('gives ids of 128 bits in base64url, none twice, across many refills of the pool they are drawn from', () => {
    // 2000 ids span eight draws of 256 from the CSPRNG: an id handed out twice, or a draw that did not refill, repeats one.
    const ids = Array.from({ length: 2000 }, newRandomId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads the ids\' bits: each of the 128 is set in some ids and clear in others', () => {
    const ids = Array.from({ length: 600 }, () => Buffer.from(newRandomId(), 'base64url'));
    for (let bit = 0; bit < 128; bit++) {
      const set = ids.filter((b) => (b[bit >> 3]! >> (bit & 7)) & 1).length;
      // Binomial(600, 1/2): outside 200..400 has a probability far below 1e-15.
      expect(set).toBeGreaterThan(200);
      expect(set).toBeLessThan(400);
    }
  });

  it('gives tokens of 256 bits and stores only a hash that does not contain them', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
  });
});
