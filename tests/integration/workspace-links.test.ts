// The server's build (npm start, the benchmarks) bundles @rinda/* as node_modules resolves them: a checkout whose
// node_modules is another checkout's would build the other one's code. checkWorkspaceLinks refuses that.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWorkspaceLinks } from '../../scripts/build-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A checkout with apps/server and npm's relative workspace link to it. */
function checkout(dir: string): string {
  mkdirSync(join(dir, 'apps/server'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/@rinda'), { recursive: true });
  symlinkSync('../../apps/server', join(dir, 'node_modules/@rinda/server'));
  return dir;
}

describe('checkWorkspaceLinks', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'rinda-links-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('accepts a checkout whose workspace links point into itself, this one included', () => {
    expect(() => checkWorkspaceLinks(checkout(join(tmp, 'main')))).not.toThrow();
    expect(() => checkWorkspaceLinks(ROOT)).not.toThrow();
  });

  it("refuses a worktree that borrowed another checkout's node_modules, naming where @rinda/server really is", () => {
    const main = checkout(join(tmp, 'main'));
    const old = join(tmp, 'old');
    mkdirSync(join(old, 'apps/server'), { recursive: true });
    symlinkSync(join(main, 'node_modules'), join(old, 'node_modules'));
    expect(() => checkWorkspaceLinks(old)).toThrow(`node_modules/@rinda/server is ${join(main, 'apps/server')}, outside this checkout`);
  });

  it('refuses a checkout with no workspace links (npm install not run)', () => {
    expect(() => checkWorkspaceLinks(tmp)).toThrow('run npm install');
  });
});
