// A manager in Chromium reads staffing advice over a branch history: the week grid (recommended against signed
// in, short hours marked in words and pattern), the forecast's error, a what-if, the CSV, the alert on the
// monitor, each screen free of serious accessibility problems, the screen in Latvian, and a teller's notice and tone.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { businessDayStart, parseClockTime } from '@rinda/shared';
import { writeSteadyHistory } from '../../apps/server/src/staffing/test-support/steady-history';
import { startBranch, type Branch } from '../support/start-branch';
import { CounterPage } from './counter-page';
import { ManagerPage } from './manager-page';

test.describe.configure({ mode: 'serial' });

let branch: Branch;
let manager: ManagerPage;

// Wednesday 2026-11-25, 10:30 in Riga; twelve weeks of cash traffic at 10:00–12:00 served at one counter (c2),
// nobody giving up (so Erlang A is Erlang C: three counters for 1.6 erlangs, 90 % within 10 minutes).
test.beforeAll(async ({ browser }) => {
  branch = await startBranch({ clock: 'manual', startAt: businessDayStart('2026-11-25', 'Europe/Riga', parseClockTime('10:30')) });
  writeSteadyHistory(branch.ctx.db, branch.ctx.config(), '2026-11-25', 12, { counters: ['c2'], noShows: false });
  await branch.restart();
  await branch.createUser('maija', 'manager-pass-1', 'manager', 'Maija Kalniņa');
  manager = await ManagerPage.open(browser, branch.url, 'maija', 'manager-pass-1');
});

test.afterAll(async () => {
  await manager?.close();
  await branch?.stop();
});

test('the monitor shows the day projected below its goal and which counters would fix it', async () => {
  const page = manager.page;
  const alerts = page.getByRole('region', { name: 'Staffing alerts' });
  // Nobody serves cash today while 24 an hour are forecast until noon.
  await expect(alerts.getByText('Cash and payments: today’s service level is heading for 0% against a goal of 90%.')).toBeVisible({ timeout: 20_000 });
  await expect(alerts.getByText(/Fix: counters to open for Cash and payments: [23] \(Counter 2, /)).toBeVisible();
  expect(await manager.accessibilityProblems()).toEqual([]);
});

test('the week grid shows counters recommended against signed in, and says where an hour was short', async () => {
  const page = manager.page;
  await manager.section('Staffing');
  const grid = page.getByRole('region', { name: 'Counters recommended and signed in' });
  await expect(grid).toBeVisible();
  // Monday 10:00 had one counter where more were recommended: hatched, and said in words.
  const monday = grid.locator('td[data-day="2026-11-23"][data-hour="10"]');
  await expect(monday).toHaveClass(/under/);
  await expect(monday).toContainText('3 / 1');
  await expect(monday).toContainText('2 short');
  // Thursday has not happened: recommended only.
  await expect(grid.locator('td[data-day="2026-11-26"][data-hour="10"]')).toContainText(/\d \/ —/);
  await expect(grid.locator('td[data-day="2026-11-26"][data-hour="10"]')).not.toHaveClass(/under/);
  // The forecast's back-tested error beside it: the history is the same every week, so 0 %.
  const quality = page.getByRole('region', { name: 'Forecast and its error' });
  await expect(quality.getByRole('row').filter({ hasText: 'Cash and payments' })).toContainText('0%');
  expect(await manager.accessibilityProblems()).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('day,hour,serviceId,forecastArrivals,arrivalsWapePercent,meanServiceSec,erlangCCounters,erlangACounters,actualCounters,expectedServiceLevelPercent,recommendedCounters,branchActualCounters,under');
  expect(lines.some((l) => l.startsWith('2026-11-23,10,cash,24,0,240,'))).toBe(true);
});

test('a what-if gives the day’s service level as staffed and with one more counter from 10:00 to 12:00', async () => {
  const page = manager.page;
  const whatIf = page.getByRole('region', { name: 'What if' });
  await whatIf.getByLabel('Day').selectOption('2026-11-23');
  await whatIf.getByLabel('Counters more (or fewer)').fill('1');
  await whatIf.getByLabel('Service').selectOption('cash');
  await whatIf.getByLabel('From').selectOption('10');
  await whatIf.getByLabel('To').selectOption('12');
  await whatIf.getByRole('button', { name: 'Simulate' }).click();
  const result = page.getByRole('table', { name: 'Expected service level for the day' });
  const cash = result.locator('tr[data-service="cash"]');
  await expect(cash).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Compared with the counters signed in that day.')).toBeVisible();
  const cells = await cash.locator('td').allInnerTexts();
  const [asStaffed, withChange] = [cells[1]!, cells[2]!].map((x) => Number.parseFloat(x));
  expect(withChange).toBeGreaterThan(asStaffed!);
  // One counter for 1.6 erlangs falls behind: below the goal, said in words too.
  expect(cells[1]).toContain('below goal');
  expect(await manager.accessibilityProblems()).toEqual([]);
});

test('the staffing screen speaks the manager’s language', async () => {
  const page = manager.page;
  await page.getByRole('combobox', { name: 'Language' }).selectOption('lv');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Personāls', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Ieteiktie un pieslēgtie logi' })).toBeVisible();
  await expect(page.locator('td[data-day="2026-11-23"][data-hour="10"]')).toContainText('trūkst 2');
  await page.getByRole('combobox', { name: 'Valoda' }).selectOption('en');
});

/** Counts the tones the page starts (each tone is one oscillator). */
function countTones() {
  const w = window as unknown as { tones: number };
  w.tones = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
    w.tones += 1;
    return start.apply(this, args);
  };
}

test('once the manager turns it on, a teller of the service gets the alert as a notice and a tone', async ({ browser }) => {
  const token = await branch.login('maija', 'manager-pass-1');
  expect((await branch.http('/api/admin/alerts', { method: 'PUT', token, body: { notifyTellers: true } })).status).toBe(200);
  await branch.createUser('toms', 'teller-pass-1', 'teller', 'Toms Ozols');
  const teller = await CounterPage.open(browser, branch.url, { username: 'toms', password: 'teller-pass-1' }, 'Counter 2', (page) => page.addInitScript(countTones));
  try {
    const notice = teller.page.getByRole('status', { name: 'Staffing alert for your counter' });
    await expect(notice).toContainText('Cash and payments: today’s service level is heading for', { timeout: 20_000 });
    await expect(notice).toContainText('Fix: counters to open for Cash and payments');
    await expect.poll(() => teller.page.evaluate(() => (window as unknown as { tones: number }).tones)).toBeGreaterThan(0);
    expect(await teller.accessibilityProblems()).toEqual([]);
  } finally {
    await teller.close();
  }
});
