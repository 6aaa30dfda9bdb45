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
 * server's time while kiosks issue tickets flat out (docs/BENCHMARKS.md, tenth round). Each byte is handed out
 * once. Tokens, which are secrets, are still drawn one by one (newToken).
 */
const idPool = Buffer.alloc(ID_BYTES * 256);
let idPoolUsed = idPool.length;

/** `count` fresh random bytes of the pool, as base64url. */
function randomBase64url(count: number): string {
  if (idPoolUsed + count > idPool.length) {
    randomFillSync(idPool);
    idPoolUsed = 0;
  }
  const text = idPool.toString('base64url', idPoolUsed, idPoolUsed + count);
  idPoolUsed += count;
  return text;
}

/** Unguessable ids for users and devices (128 bits, base64url: 22 characters). */
export function newRandomId(): string {
  return randomBase64url(ID_BYTES);
}

/**
 * The base64url characters in the order strings compare (ASCII), so a number written with them sorts as the
 * number does: base64url's own order (A–Z, a–z, 0–9, -, _) does not.
 */
const SORTABLE_DIGITS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** 8 digits of 6 bits: milliseconds up to the year 10889. */
const TIME_DIGITS = 8;
const RANDOM_CHARACTERS = 14;

/**
 * Ids for tickets and bookings, 22 base64url characters like newRandomId's: the time they were made in
 * milliseconds (8 sortable digits), then 84 random bits. Keys that begin with the time append to the end of the
 * `tickets` and `ticket_legs` b-trees, so a group commit's tickets share their last pages where random ids
 * dirtied one page each (8 kiosks: about a tenth more tickets a second, docs/BENCHMARKS.md, eleventh round). The
 * id is the bearer credential of the ticket's status page: 84 bits left to guess once the time is known is still
 * far beyond what any rate of guessing can reach (docs/SECURITY.md); the time is printed on the ticket anyway.
 */
export function newTimeOrderedId(now: number): string {
  let time = Math.max(0, Math.floor(now));
  let digits = '';
  for (let i = 0; i < TIME_DIGITS; i++) {
    digits = SORTABLE_DIGITS[time % 64]! + digits;
    time = Math.floor(time / 64);
  }
  // 11 bytes make 15 characters of which the first 14 carry 84 whole random bits.
  return digits + randomBase64url(11).slice(0, RANDOM_CHARACTERS);
}
