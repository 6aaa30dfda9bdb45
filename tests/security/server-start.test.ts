// What the server refuses at start, run as an operator runs it (a child process): root without
// --allow-root (the demo only warns), and --demo on a data directory holding real users; and what it warns about.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AS_ROOT_WARNING, ROOT_REFUSAL } from '../../apps/server/src/startup/run-as';
import { ROOT, runTs, SERVER_MAIN, SETUP, startServerChild } from '../support/child-server';

const asRoot = process.getuid?.() === 0;
const ALLOW_ROOT = { RINDA_ALLOW_ROOT: '1' };

// Each test starts real processes through tsx (seconds each on a busy machine): a generous time limit.
describe('the server at start', { timeout: 120_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The refusal can only be seen as root: CI runs as root, so CI always runs this test.
  it.runIf(asRoot)('refuses to run as root, saying how to run it, unless --allow-root or RINDA_ALLOW_ROOT=1 is given', async () => {
    const dataDir = join(dir, 'data');
    const refused = await runTs(SERVER_MAIN, ['--data-dir', dataDir, '--port', '0'], { env: { RINDA_ALLOW_ROOT: undefined } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(ROOT_REFUSAL);
    const setupRefused = await runTs(SETUP, ['--data-dir', dataDir, '--username', 'anna', '--name', 'Anna'], { stdin: 'correct horse battery\n', env: { RINDA_ALLOW_ROOT: undefined } });
    expect(setupRefused.status).toBe(2);
    expect(setupRefused.stderr).toContain('does not run as root');

    const byFlag = await startServerChild(['--data-dir', dataDir, '--allow-root'], { env: { RINDA_ALLOW_ROOT: undefined } });
    expect((await byFlag.request('/api/health')).status).toBe(200);
    await byFlag.stop();
    const byEnv = await startServerChild(['--data-dir', dataDir], { env: ALLOW_ROOT });
    expect((await byEnv.request('/api/health')).status).toBe(200);
    await byEnv.stop();
  });

  // `npm install && npm start` must work for someone trying Rinda in a container as root: the demo warns and runs.
  it.runIf(asRoot)('runs the demo as root with a warning, without --allow-root', async () => {
    const demo = await startServerChild(['--data-dir', join(dir, 'demo'), '--demo'], { env: { RINDA_ALLOW_ROOT: undefined, RINDA_LOG_LEVEL: 'warn' } });
    expect((await demo.request('/api/health')).status).toBe(200);
    await demo.stop();
    expect(demo.output()).toContain(DEMO_AS_ROOT_WARNING);
  });

  it('refuses --demo on a data directory that holds real users', async () => {
    const dataDir = join(dir, 'data');
    const setup = await runTs(SETUP, ['--data-dir', dataDir, '--config', join(ROOT, 'shared/src/config/demo-branch.json'), '--username', 'anna', '--name', 'Anna'], {
      stdin: 'correct horse battery\n',
      env: ALLOW_ROOT,
    });
    expect(setup.status).toBe(0);
    const demo = await runTs(SERVER_MAIN, ['--data-dir', dataDir, '--port', '0', '--demo'], { env: ALLOW_ROOT });
    expect(demo.status).toBe(2);
    expect(demo.stderr).toContain('--demo refused');
    expect(demo.stderr).toContain('1 real (non-demo) user');
  });

  it('warns at start when demo accounts are present without --demo, and says when there is no manager yet', async () => {
    const dataDir = join(dir, 'data');
    const demo = await startServerChild(['--data-dir', dataDir, '--demo'], { env: { ...ALLOW_ROOT, RINDA_LOG_LEVEL: 'warn' } });
    await demo.stop();
    const real = await startServerChild(['--data-dir', dataDir], { env: { ...ALLOW_ROOT, RINDA_LOG_LEVEL: 'warn' } });
    await real.stop();
    expect(real.output()).toContain('WARNING: this data directory holds 5 demo account(s) and 2 demo device(s)');
    expect(real.output()).toContain('"event":"demo_data_present"');
    expect(real.output()).toContain('No manager yet');
  });
});
