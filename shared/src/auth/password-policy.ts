/**
 * What a new password must be (ASVS 5 V6.2, NIST 800-63B 3.1.1.2): long enough, and not one an attacker
 * tries first. No composition rules (a digit, a capital...): they make passwords harder to remember, not
 * to guess. The list of common passwords is the server's (apps/server/src/auth/common-passwords.txt);
 * this rule only asks whether a word is on it.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'user_name' | 'one_character';

export interface PasswordContext {
  username: string;
  /** Whether a lower-case word is on the list of common passwords. */
  isCommon(word: string): boolean;
}

/** Digits, spaces and punctuation people add around a weak word to pass a length rule ("Summer2024!!"). */
const PADDING = /^[\d\s\p{P}\p{S}]+|[\d\s\p{P}\p{S}]+$/gu;

/** null when the password may be set, otherwise why not. Case does not matter: "PASSWORD1234" is common too. */
export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (new Set(lower).size === 1) return 'one_character';
  const core = lower.replace(PADDING, '');
  if (context.isCommon(lower) || (core.length > 0 && context.isCommon(core))) return 'common';
  if (lower === context.username.toLowerCase() || core === context.username.toLowerCase()) return 'user_name';
  return null;
}

/** The refusal's text (English, as every server message); the apps show their own translation of WEAK_PASSWORD. */
export function describePasswordProblem(problem: PasswordProblem): string {
  switch (problem) {
    case 'too_short':
      return `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters (a few words make a good one)`;
    case 'too_long':
      return `The password is too long: use at most ${PASSWORD_MAX_LENGTH} characters`;
    case 'one_character':
      return 'The password repeats one character: choose one that is hard to guess';
    case 'common':
      return 'This password is on the list of common passwords that attackers try first: choose another';
    case 'user_name':
      return 'The password must not be the username';
  }
}
