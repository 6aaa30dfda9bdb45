import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 18: `npm install` warned that some packages want a newer Node than the README states. The README names the
// Node it needs (20.19 or later) and the only packages that want more: electron 45's installer, which nothing here
// runs. This reads every installed package's `engines.node` from package-lock.json and keeps that list true.
const root = join(import.meta.dirname, '..', '..');
const README_NODE = '20.19.0';
const ELECTRON_INSTALLER = ['node_modules/@electron-internal/extract-zip', 'node_modules/@electron/get', 'node_modules/electron'];

type Version = [number, number, number];
const parts = (v: string): (number | null)[] =>
  v
    .replace(/^v/, '')
    .split('.')
    .map((p) => (/^(x|\*)?$/i.test(p) ? null : Number(p)));
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `version` satisfies one engines range, in the forms npm packages use: `*`, `N`, `N.x`, `N.*`, `>=X`,
 * `>= X`, `^X`, alternatives joined by `||`. Any other form throws, naming it, rather than guess.
 */
function satisfies(version: string, range: string): boolean {
  const v = parts(version) as Version;
  return range.split('||').some((alternative) => {
    const a = alternative.trim().replace(/\s+/g, ' ');
    if (a === '*' || a === '') return true;
    const m = /^(>=|\^)? ?v?(\d+(?:\.(?:\d+|x|\*))*)$/i.exec(a);
    if (!m) throw new Error(`an engines range of a form this check does not read: "${range}"`);
    const [major, minor = null, patch = null] = parts(m[2]!);
    const low: Version = [major!, minor ?? 0, patch ?? 0];
    if (m[1] === '>=') return compare(v, low) >= 0;
    if (m[1] === '^') return v[0] === major && compare(v, low) >= 0;
    // A bare X: that version, any in the parts given as x or left out.
    return v[0] === major && (minor === null || v[1] === minor) && (patch === null || v[2] === patch);
  });
}

describe('the Node the README names', () => {
  it('reads engines ranges as npm does for the forms in use', () => {
    expect(satisfies('20.19.0', '>=20.19')).toBe(true);
    expect(satisfies('20.19.0', '>= 22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.19.0', '^20.12||^22||>=24')).toBe(true);
    expect(satisfies('20.19.0', '^18.18.0 || ^20.9.0 || >=21.1.0')).toBe(true);
    expect(satisfies('20.19.0', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(true);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '20.x || 22.x')).toBe(true);
    expect(satisfies('20.19.0', '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies('20.19.0', '^20.20.0 || >=22')).toBe(false);
    expect(satisfies('20.19.0', '18.x')).toBe(false);
    expect(() => satisfies('20.19.0', '~20.1')).toThrow(/does not read/);
  });

  it('is accepted by every installed package but the electron installer the README names', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const wantMore = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node && !satisfies(README_NODE, entry.engines.node))
      .map(([path]) => path)
      .sort();
    expect(wantMore).toEqual(ELECTRON_INSTALLER);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('Node 20.19 or later');
    for (const path of ELECTRON_INSTALLER) expect(readme).toContain(`\`${path.replace('node_modules/', '')}\``);
  });
});
