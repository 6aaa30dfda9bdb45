import { describe, expect, it } from 'vitest';
import { hashToken, newRandomId, newTimeOrderedId, newToken } from './tokens';

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

  describe('time-ordered ids (tickets, bookings)', () => {
    /** The time an id was made, read back from its first 8 characters (ASCII-ordered base64url digits). */
    const timeOf = (id: string) =>
      [...id.slice(0, 8)].reduce((t, c) => t * 64 + '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'.indexOf(c), 0);
    const NOW = Date.UTC(2026, 11, 7, 9, 30);

    it('are 22 base64url characters, like the random ids, begin with the time they were made and never repeat', () => {
      // 3000 ids at one millisecond span several refills of the pool: a repeat would show a byte handed out twice.
      const ids = Array.from({ length: 3000 }, () => newTimeOrderedId(NOW));
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(timeOf(id)).toBe(NOW);
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('sort as their times do, wherever a digit rolls over, so new tickets append to the keys they are stored under', () => {
      // Each 6-bit digit rolls through the places where base64url's own order and ASCII's differ (9→A, Z→_, _→a).
      const times = [0, 1, 10, 11, 36, 37, 38, 63, 64, 4095, 4096, NOW - 1, NOW, NOW + 1, NOW + 63, NOW + 64, 2 ** 48 - 1];
      for (let i = 0; i < 2000; i++) times.push(Math.floor(Math.random() * 2 ** 44));
      times.sort((a, b) => a - b);
      const ids = times.map((t) => newTimeOrderedId(t));
      for (let i = 1; i < ids.length; i++) {
        if (times[i] === times[i - 1]) continue;
        expect(ids[i - 1]! < ids[i]!, `${times[i - 1]} → ${ids[i - 1]}, ${times[i]} → ${ids[i]}`).toBe(true);
      }
      expect(ids.map(timeOf)).toEqual(times);
    });

    it('keep 84 random bits after the time: each of them set in some ids and clear in others', () => {
      const ids = Array.from({ length: 600 }, () => newTimeOrderedId(NOW).slice(8));
      const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (let bit = 0; bit < 84; bit++) {
        const set = ids.filter((tail) => (B64URL.indexOf(tail[Math.floor(bit / 6)]!) >> bit % 6) & 1).length;
        // Binomial(600, 1/2), as above.
        expect(set).toBeGreaterThan(200);
        expect(set).toBeLessThan(400);
      }
    });
  });
});
