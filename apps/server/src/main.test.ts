import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

describe('main.ts refuses bad start-up input clearly', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', join(dir, 'data'), '--port', '0', ...args], { encoding: 'utf8', timeout: 20_000 });

  it('names what is wrong in an invalid configuration file and exits 2', () => {
    const file = join(dir, 'branch.json');
    writeFileSync(file, JSON.stringify({ branch: { id: 'Bad Id', name: 'X' }, services: [] }));
    const result = run('--config', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`The configuration file ${file} is invalid`);
    expect(result.stderr).toMatch(/branch\.id|timeZone/);
  });

  it('says when the configuration file cannot be read', () => {
    const result = run('--config', join(dir, 'missing.json'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot read the configuration file');
  });
});
