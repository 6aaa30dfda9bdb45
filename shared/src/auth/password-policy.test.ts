import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

const common = new Set(['password', 'summer', 'qwertyuiopasdfgh', 'letmein']);
const check = (password: string, username = 'anna') => passwordProblem(password, { username, isCommon: (w) => common.has(w) });

describe('password policy', () => {
  it('refuses fewer than 12 characters, counting letters rather than bytes', () => {
    expect(check('short pass1')).toBe('too_short');
    expect(check('ābčdēfģhīj')).toBe('too_short');
    expect(check('ābčdēfģhījķl')).toBeNull();
  });

  it('refuses a common password whatever its case, and a common word padded with digits or symbols', () => {
    expect(check('QwertyuiopAsdfgh')).toBe('common');
    expect(check('Password1234')).toBe('common');
    expect(check('!!Summer2024!!')).toBe('common');
    expect(check('letmein 123456')).toBe('common');
  });

  it('refuses the username and one repeated character, and accepts a passphrase', () => {
    expect(check('anna.berzina1', 'anna.berzina')).toBe('user_name');
    expect(check('aaaaaaaaaaaaaa')).toBe('one_character');
    expect(check('correct horse battery')).toBeNull();
    expect(check('x'.repeat(201) + 'y')).toBe('too_long');
  });
});
