import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** A bearer token: 256 random bits, base64url. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 (no salt, no stretching) is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const ID_BYTES = 16;
/**
 * The ids' random bytes, drawn from the same CSPRNG 256 ids at a time (as Node's randomUUID does): each draw is
 * a call into OpenSSL, which also asks the kernel for the process id, about 2 µs on this machine and 4 % of the
 * server's time while kiosks issue tickets flat out (docs/BENCHMARKS.md, tenth round). Each id's bytes are handed
 * out once. Tokens, which are secrets, are still drawn one by one (newToken).
 */
const idPool = Buffer.alloc(ID_BYTES * 256);
let idPoolUsed = idPool.length;

/** Unguessable ids for users, devices and tickets (128 bits, base64url: 22 characters). */
export function newRandomId(): string {
  if (idPoolUsed === idPool.length) {
    randomFillSync(idPool);
    idPoolUsed = 0;
  }
  const id = idPool.toString('base64url', idPoolUsed, idPoolUsed + ID_BYTES);
  idPoolUsed += ID_BYTES;
  return id;
}
