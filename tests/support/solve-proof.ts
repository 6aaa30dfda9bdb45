import { createHash } from 'node:crypto';
import { meetsDifficulty, proofInput } from '@rinda/shared';

/** The remote join's proof of work solved in Node, as the page solves it with WebCrypto (tests use low difficulty). */
export function solveProof(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (meetsDifficulty(createHash('sha256').update(proofInput(challenge, String(n))).digest(), bits)) return String(n);
}
