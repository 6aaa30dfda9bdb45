import { readFileSync } from 'node:fs';
import { describePasswordProblem, fail, passwordProblem, type Failure } from '@rinda/shared';

const COMMON_PASSWORDS_FILE = new URL('./common-passwords.txt', import.meta.url);

/**
 * The list is read each time a password is set (setup, a manager creating or resetting a user, a password
 * change): that is rare, and the server keeps no 10,000 strings in memory for it.
 */
function readCommonPasswords(): Set<string> {
  const lines = readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n');
  return new Set(lines.filter((line) => line !== '' && !line.startsWith('#')));
}

/** WEAK_PASSWORD with the reason when a new password breaks the policy (shared/src/auth/password-policy.ts), else null. */
export function weakPasswordRefusal(password: string, username: string): Failure | null {
  const common = readCommonPasswords();
  const problem = passwordProblem(password, { username, isCommon: (word) => common.has(word) });
  return problem ? fail('WEAK_PASSWORD', describePasswordProblem(problem)) : null;
}
