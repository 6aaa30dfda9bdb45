import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** A bearer token: 256 random bits, base64url. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 (no salt, no stretching) is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Random bytes for ids, drawn from the operating system's CSPRNG 4 KiB at a time (as Node's randomUUID does):
 * a ticket's id is made on every issue, and a call into the CSPRNG per id cost more than the id's other work.
 * Bytes handed out are zeroed in the pool.
 */
const ID_POOL = Buffer.alloc(4096);
let idPoolAt = ID_POOL.length;

/** Unguessable ids for users, devices and tickets (128 bits, base64url: 22 characters). */
export function newRandomId(): string {
  if (idPoolAt + 16 > ID_POOL.length) {
    randomFillSync(ID_POOL);
    idPoolAt = 0;
  }
  const id = ID_POOL.toString('base64url', idPoolAt, idPoolAt + 16);
  ID_POOL.fill(0, idPoolAt, idPoolAt + 16);
  idPoolAt += 16;
  return id;
}
