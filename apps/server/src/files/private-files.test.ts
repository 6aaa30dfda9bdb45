import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir } from './private-files';

const mode = (path: string) => statSync(path).mode & 0o7777;

describe('ensurePrivateDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-private-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing directories 0700 and makes an existing one 0700', () => {
    const nested = join(dir, 'branch', 'data');
    ensurePrivateDir(nested);
    expect(mode(nested)).toBe(0o700);
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    ensurePrivateDir(open);
    expect(mode(open)).toBe(0o700);
  });

  it('refuses a sticky directory shared by every user (as /tmp) and leaves its mode alone', () => {
    const shared = join(dir, 'tmp');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    expect(() => ensurePrivateDir(shared)).toThrow(`${shared} is a directory shared by every user (sticky bit, as /tmp): give the branch's files a directory of their own, such as ${shared}/rinda`);
    expect(mode(shared)).toBe(0o1777);
  });
});
