import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, meetsDifficulty } from './proof-of-work';

describe('proof of work', () => {
  it('counts the leading zero bits of a digest', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('agrees with the bits of the digest written out, for any digest', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 64 }), (bytes, bits) => {
        const written = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
        const zeros = written.indexOf('1') === -1 ? written.length : written.indexOf('1');
        expect(leadingZeroBits(bytes)).toBe(zeros);
        expect(meetsDifficulty(bytes, bits)).toBe(zeros >= bits);
      }),
    );
  });
});
