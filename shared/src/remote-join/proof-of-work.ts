/**
 * The offline proof that a person's phone spent work before a remote ticket (no third-party captcha): find a
 * nonce such that SHA-256(challenge + ":" + nonce) starts with `bits` zero bits. The server hands out the
 * challenge (signed, single use, short-lived) and checks the answer with one hash; the page searches with
 * WebCrypto (apps/kiosk/src/join/solve-proof.ts). Pure: the server (node:crypto) and the page check alike.
 */

/** The text hashed for a nonce: the one place both ends build it. */
export function proofInput(challenge: string, nonce: string): string {
  return `${challenge}:${nonce}`;
}

/** How many leading bits of a digest are zero. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function meetsDifficulty(digest: Uint8Array, bits: number): boolean {
  return leadingZeroBits(digest) >= bits;
}
