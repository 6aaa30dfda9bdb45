import { meetsDifficulty, proofInput } from '@rinda/shared';

/** SHA-256 through WebCrypto: the browser's own, so the proof needs no network and no third party. */
export async function webSha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/**
 * Searches nonces 0, 1, 2, … until one meets the difficulty, hashing `batch` at a time (WebCrypto's digest is
 * asynchronous; a batch lets the page stay responsive). `signal` stops the search.
 */
export async function solveProof(
  challenge: string,
  bits: number,
  signal?: AbortSignal,
  sha256: (data: Uint8Array) => Promise<Uint8Array> = webSha256,
  batch = 256,
): Promise<string> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += batch) {
    if (signal?.aborted) throw new Error('proof of work stopped');
    const nonces = Array.from({ length: batch }, (_, i) => String(start + i));
    const digests = await Promise.all(nonces.map((n) => sha256(encoder.encode(proofInput(challenge, n)))));
    const found = digests.findIndex((d) => meetsDifficulty(d, bits));
    if (found >= 0) return nonces[found]!;
  }
}
