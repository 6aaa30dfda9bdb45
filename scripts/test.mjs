// `npm test`: every test, in two runners, with one closing line that adds them up.
// Vitest runs unit, integration and fault tests in Node; Playwright runs the end-to-end tests in Chromium
// against the built web apps. The last line, "N passed, N failed", is what CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }).status;

const totals = { passed: 0, failed: 0, skipped: 0 };

function readJson(path) {
  try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return null; }
}

// 1. Vitest
rmSync(`${out}/vitest.json`, { force: true });
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
const v = readJson(`${out}/vitest.json`);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  // A file that failed to load has no tests counted: count it as a failure so it cannot hide.
  totals.failed += v.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  // Unhandled errors (an uncaught exception in a server under test) fail the run without failing a test.
  if (vitestStatus !== 0 && totals.failed === 0) {
    console.error('vitest exited with errors outside any test (see "Unhandled Errors" above): counted as one failure');
    totals.failed += 1;
  }
} else if (vitestStatus !== 0) {
  totals.failed += 1;
}

// 2. Playwright (needs the built apps)
const hasE2e = existsSync('tests/playwright.config.ts');
if (hasE2e) {
  const buildStatus = run('npm', ['run', 'build:web']);
  if (buildStatus !== 0) {
    totals.failed += 1;
    console.error('web build failed: end-to-end tests not run');
  } else {
    rmSync(resolve(out, 'playwright.json'), { force: true });
    const pwStatus = spawnSync('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts'], {
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: '0', PLAYWRIGHT_JSON_OUTPUT_NAME: resolve(out, 'playwright.json') },
    }).status;
    const p = readJson(resolve(out, 'playwright.json'));
    if (p) {
      totals.passed += p.stats.expected + p.stats.flaky;
      totals.failed += p.stats.unexpected;
      totals.skipped += p.stats.skipped;
      if (p.errors?.length) totals.failed += p.errors.length;
    } else if (pwStatus !== 0) {
      totals.failed += 1;
    }
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
