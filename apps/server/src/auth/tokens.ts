import { createHash, randomBytes } from 'node:crypto';

/** A bearer token: 256 random bits, base64url. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 (no salt, no stretching) is enough to make a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Unguessable ids for users, devices and tickets (128 bits, base64url: 22 characters). */
export function newRandomId(): string {
  return randomBytes(16).toString('base64url');
}
