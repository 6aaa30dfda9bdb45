import { describe, expect, it } from 'vitest';
import { meetsDifficulty, proofInput } from '@rinda/shared';
import { solveProof, webSha256 } from './solve-proof';

describe('solving the join page proof of work with WebCrypto', () => {
  it('finds a nonce whose hash with the challenge meets the difficulty', async () => {
    const nonce = await solveProof('challenge-1', 10);
    const digest = await webSha256(new TextEncoder().encode(proofInput('challenge-1', nonce)));
    expect(meetsDifficulty(digest, 10)).toBe(true);
  });

  it('stops when asked', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(solveProof('c', 30, stop.signal)).rejects.toThrow(/stopped/);
  });
});
