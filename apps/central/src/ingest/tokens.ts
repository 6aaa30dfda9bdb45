import { createHash, randomBytes } from 'node:crypto';

/** A branch token or enrolment code as stored: its sha256 (both are long random strings, so no salt is needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Twelve characters a person can read out over the phone to the branch (no 0/O, 1/l confusion). */
export function newEnrolmentCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}
