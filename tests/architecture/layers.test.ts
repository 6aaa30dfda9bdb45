import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function cruise(paths: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync('npx', ['depcruise', '--config', '.dependency-cruiser.cjs', ...paths], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('layer rules', () => {
  it('shared, hardware and the apps keep the layer rules', () => {
    const result = cruise(['shared/src', 'shared/ui', 'hardware/src', 'apps']);
    expect(result.output).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it("flags an import cycle, and an import from the server's store up to realtime", () => {
    // The rules must be able to fail: throw-away modules that break them.
    const cycle = mkdtempSync(join(root, 'apps', 'server', 'src', 'tmp-cycle-check-'));
    const store = join(root, 'apps', 'server', 'src', 'store', `tmp-layer-check-${process.pid}.ts`);
    try {
      writeFileSync(join(cycle, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(join(cycle, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      writeFileSync(store, "import { AUDIENCE } from '../realtime/rooms';\nexport const audience = AUDIENCE;\n");
      const result = cruise([cycle.slice(root.length + 1), store.slice(root.length + 1)]);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('no-cycles');
      expect(result.output).toContain('server-store-not-up-to-realtime');
    } finally {
      rmSync(cycle, { recursive: true, force: true });
      rmSync(store, { force: true });
    }
  });

  it('flags a shared module that imports a Node built-in', () => {
    // The rule must be able to fail: a throw-away module in shared that imports node:fs.
    const dir = mkdtempSync(join(root, 'shared', 'src', 'tmp-layer-check-'));
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'impure.ts'), "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
      const result = cruise([dir.slice(root.length + 1)]);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('shared-is-pure');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
