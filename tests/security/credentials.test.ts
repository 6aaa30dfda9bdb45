import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../apps/server/src/auth/passwords';
import { newToken } from '../../apps/server/src/auth/tokens';
import { newPairingCode, PAIRING_CODE_ALPHABET } from '../../apps/server/src/auth/pairing';

const repo = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('credentials', () => {
  it('hashes passwords with argon2id, 19 MiB, 2 passes, 1 lane', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
  });

  it('makes tokens of at least 128 random bits and pairing codes from an unambiguous alphabet', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newToken()));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(Buffer.from(t, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const codes = Array.from({ length: 1000 }, () => newPairingCode());
    for (const c of codes) expect([...c].every((ch) => PAIRING_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('never puts a token in a URL query string anywhere in the apps or the server', () => {
    const offenders: string[] = [];
    for (const dir of ['apps', 'shared/src', 'hardware/src']) {
      for (const file of sourceFiles(join(repo, dir))) {
        const text = readFileSync(file, 'utf8');
        if (/[?&](token|secret|password|session)=/i.test(text) || /searchParams\.(set|append)\(\s*['"](token|secret)/i.test(text) || /query:\s*\{[^}]*token/i.test(text))
          offenders.push(file.slice(repo.length));
      }
    }
    expect(offenders).toEqual([]);
  });
});
