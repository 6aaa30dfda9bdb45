// The systemd unit operators copy (docs/rinda.service) is the one docs/OPERATIONS.md shows, runs the server as
// `npm run serve` does, as the unprivileged user, hardened, and is a unit systemd accepts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../bench/compiled-server-worker';
import { ROOT } from '../support/child-server';

const unitFile = readFileSync(join(ROOT, 'docs/rinda.service'), 'utf8');
const directives = new Map(
  unitFile
    .split('\n')
    .filter((line) => /^\w+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
);

describe('the systemd unit', () => {
  it('is the unit docs/OPERATIONS.md shows', () => {
    const operations = readFileSync(join(ROOT, 'docs/OPERATIONS.md'), 'utf8');
    const shown = /```ini\n([\s\S]*?)```/.exec(operations)?.[1];
    expect(unitFile.split('\n').slice(1).join('\n')).toBe(shown);
  });

  it('runs the compiled server as npm run serve does, as rinda, restarted on failure, writing only its data directory', () => {
    expect(directives.get('ExecStart')).toBe(['/usr/bin/node', ...serverNodeFlags(), 'apps/server/dist/main.mjs'].join(' '));
    expect(directives.get('User')).toBe('rinda');
    expect(directives.get('Restart')).toBe('on-failure');
    expect(unitFile).toContain('Environment=RINDA_DATA_DIR=/srv/rinda');
    expect(directives.get('ReadWritePaths')).toBe('/srv/rinda');
    expect(directives.get('NoNewPrivileges')).toBe('yes');
    expect(directives.get('ProtectSystem')).toBe('strict');
    expect(directives.get('CapabilityBoundingSet')).toBe('');
    expect(unitFile).not.toMatch(/allow-root|RINDA_ALLOW_ROOT/);
  });

  // systemd-analyze is part of systemd, on every machine that would run the unit (and on CI's); elsewhere there is nothing to ask.
  it.runIf(existsSync('/usr/bin/systemd-analyze') && existsSync('/usr/bin/node'))('is accepted by systemd-analyze verify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinda-unit-'));
    try {
      writeFileSync(join(dir, 'rinda.service'), unitFile);
      const verify = spawnSync('systemd-analyze', ['verify', join(dir, 'rinda.service')], { encoding: 'utf8' });
      expect(verify.stderr.split('\n').filter((line) => line.includes('rinda.service'))).toEqual([]);
      expect(verify.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
