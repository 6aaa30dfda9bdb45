// A manager in Chromium against a real branch server: reports with charts and CSV, a live
// configuration change seen by the monitor and a kiosk socket, a teller account created here, and every screen
// read at 1366 px (fit, label sizes, heading order, axe).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { ManagerPage } from './manager-page';

test.describe.configure({ mode: 'serial' });

let branch: Branch;
let kiosk: BranchSocket;
let teller: BranchSocket;
let manager: ManagerPage;

async function issue(serviceId: string): Promise<void> {
  const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId, language: 'lv', priorityReasonId: null });
  if (!issued.ok) throw new Error(issued.error.message);
}

test.beforeAll(async ({ browser }) => {
  branch = await startBranch();
  await branch.createUser('maija', 'manager-pass-1', 'manager', 'Maija Kalniņa');
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  teller = await branch.connect({ token: await branch.userToken('teller', 'toms') });
  // Today's history: two cash visits served at counter 2, one accounts ticket still waiting.
  expect((await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
  for (let i = 0; i < 2; i++) {
    await issue('cash');
    expect((await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
    expect((await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
  }
  await issue('accounts');
  manager = await ManagerPage.open(browser, branch.url, 'maija', 'manager-pass-1');
});

test.afterAll(async () => {
  await manager?.close();
  await branch?.stop();
});

test('a manager opens today’s report, sees the charts and downloads the CSV the table shows', async () => {
  const page = manager.page;
  await manager.section('Reports');
  await expect(page.getByRole('img', { name: 'Waits in Cash and payments (minutes)' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Arrivals and served by hour' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Service level by service against goal' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Counter utilisation' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Visits, waits and service level' });
  const cashRow = summary.getByRole('row').filter({ hasText: 'Cash and payments' });
  await expect(cashRow).toBeVisible();

  const download = page.waitForEvent('download');
  await summary.getByRole('button', { name: 'Download CSV' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'group,groupName,visits,served,unserved,legs,legsCalled,noShows,noShowRatePercent,waitMeanSec,waitP50Sec,waitP90Sec,waitP95Sec,' +
      'serviceMeanSec,serviceP50Sec,serviceP90Sec,serviceLevelPercent,targetMin,goalPercent,estimateErrorMeanSec,estimateErrorP90Sec,stepBacks',
  );
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => r[0])).toEqual(['accounts', 'cash']);
  const cash = rows.find((r) => r[0] === 'cash')!;
  // The id, then the name the screen shows.
  expect(cash[1]).toBe('Cash and payments');
  expect(cash.slice(2, 8)).toEqual(['2', '2', '0', '2', '2', '0']);
  expect(cash[16]).toBe('100');
  const accounts = rows.find((r) => r[0] === 'accounts')!;
  expect(accounts.slice(2, 6)).toEqual(['1', '0', '0', '1']);
  // The table on screen shows the same rows as the file.
  await expect(summary.getByRole('row')).toHaveCount(1 + rows.length);

  // How good the waits told at the kiosk were: both cash customers were told a range and called by its
  // "at most"; the accounts customer was told that no counter was open (counter 2 serves cash only).
  await expect(page.getByRole('img', { name: 'Promise kept: called no later than “at most”' })).toBeVisible();
  const promises = page.getByRole('region', { name: 'How good the wait told at the kiosk was' });
  const cells = (service: string) => promises.getByRole('row').filter({ hasText: service }).getByRole('cell');
  await expect(cells('Cash and payments')).toHaveText(['Cash and payments', '2', '2', '0', '2', /.+/, /.+/, /.+/, /.+/, '100']);
  await expect(cells('Accounts and cards')).toHaveText(['Accounts and cards', '1', '0', '1', '0', '—', '—', '—', '—', '—']);
  expect(await manager.accessibilityProblems()).toEqual([]);
});

test('a new service target is applied live: the monitor and a kiosk see it, and it is audited', async () => {
  const page = manager.page;
  await manager.section('Configuration');
  const form = page.getByRole('form', { name: 'Service cash' });
  const changed = branch.nextEvent(kiosk, 'config:changed');
  await form.getByLabel('Target T (minutes)').fill('4');
  await form.getByLabel('Goal (% within T)').fill('85');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved and applied');
  const msg = await changed;
  expect(msg.config.services.find((s) => s.id === 'cash')).toMatchObject({ targetWaitMin: 4, goalPercent: 85 });

  await manager.section('Monitor');
  await expect(page.getByTestId('target-cash')).toHaveText('85% within 4 min');

  // A target of 3 seconds: the waiting accounts ticket soon waits longer, and the monitor says so.
  await manager.section('Configuration');
  const accounts = page.getByRole('form', { name: 'Service accounts' });
  await accounts.getByLabel('Target T (minutes)').fill('0.05');
  await accounts.getByRole('button', { name: 'Save' }).click();
  await expect(accounts.getByRole('status')).toHaveText('Saved and applied');
  await manager.section('Monitor');
  await expect(page.locator('tr[data-service="accounts"]').getByRole('status')).toHaveText('Over target');

  expect(await manager.accessibilityProblems()).toEqual([]);

  await manager.section('Audit log');
  await expect(page.getByRole('row').filter({ hasText: 'service.update · cash' })).toContainText('Maija Kalniņa');
});

test('a teller account created here, once its password is her own, signs in and opens a counter', async () => {
  const page = manager.page;
  await manager.section('Users');
  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Username').fill('liga');
  await form.getByLabel('Name', { exact: true }).fill('Līga Ozola');
  await form.getByLabel('Password').fill('liga-pass-1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toContainText('This password is too easy to guess');
  await expect(page.locator('tr[data-user="liga"]')).toHaveCount(0);
  await form.getByLabel('Password').fill('līgas pirmā parole');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('tr[data-user="liga"]')).toContainText('Līga Ozola');
  await expect(page.locator('tr[data-user="liga"]')).toContainText('must change password');

  const first = (await (await branch.http('/api/auth/login', { body: { username: 'liga', password: 'līgas pirmā parole' } })).json()) as { token: string; passwordChangeRequired: boolean };
  expect(first.passwordChangeRequired).toBe(true);
  const changed = await branch.http('/api/auth/password', { token: first.token, body: { currentPassword: 'līgas pirmā parole', newPassword: 'līga chose this one' } });
  expect(changed.status).toBe(200);
  const liga = await branch.connect({ token: first.token });
  const signIn = await branch.request(liga, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
  expect(signIn.ok && signIn.data.counter).toMatchObject({ counterId: 'c1', state: 'open' });
  await manager.section('Monitor');
  await expect(page.locator('tr[data-counter="c1"]')).toContainText('Līga Ozola');
});

test('the manager changes their own password from the top bar', async () => {
  const page = manager.page;
  await page.getByRole('button', { name: 'Change password' }).click();
  const panel = page.getByRole('region', { name: 'Change your password' });
  await panel.getByLabel('Current password').fill('manager-pass-1');
  await panel.getByLabel('New password', { exact: true }).fill('maija has a new one');
  await panel.getByLabel('New password again').fill('maija has a new one');
  await panel.getByRole('button', { name: 'Save new password' }).click();
  await expect(panel.getByRole('status')).toHaveText('Your password is changed.');
  expect((await branch.http('/api/auth/login', { body: { username: 'maija', password: 'maija has a new one' } })).status).toBe(200);
});

test('every manager screen reads at 1366 px: tables fit, chart labels are at least 12 px, headings in order, axe clean', async ({ browser }) => {
  // Seven sections and four languages, each scanned by axe: longer than one screen's test.
  test.setTimeout(150_000);
  const signIn = await ManagerPage.signInScreen(browser, branch.url);
  await signIn.page.setViewportSize({ width: 1366, height: 768 });
  expect(await signIn.skippedHeadingLevels(), 'sign-in').toEqual([]);
  expect(await signIn.accessibilityProblems(), 'sign-in').toEqual([]);
  await signIn.close();

  const page = manager.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await manager.section('Reports');
  await expect(page.getByRole('region', { name: 'Visits, waits and service level' }).getByRole('row').first()).toBeVisible();
  // The widest report (the summary, 20 columns) and every other table: no wider than the screen, nothing to scroll.
  for (const table of await manager.tableSizes()) {
    expect(table.right, `${table.name} ends at ${table.right} px`).toBeLessThanOrEqual(1366);
    expect(table.scrollWidth, `${table.name} scrolls`).toBeLessThanOrEqual(table.clientWidth);
  }
  // In every staff language: Latvian, Lithuanian and Polish headings are longer than English ones.
  const languageSwitch = { en: 'Language', lv: 'Valoda', lt: 'Kalba', pl: 'Język' } as const;
  let current: keyof typeof languageSwitch = 'en';
  for (const language of ['lv', 'lt', 'pl', 'en'] as const) {
    await page.getByRole('combobox', { name: languageSwitch[current] }).selectOption(language);
    current = language;
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const table of await manager.tableSizes()) {
      expect(table.right, `${language}: ${table.name} ends at ${table.right} px`).toBeLessThanOrEqual(1366);
      expect(table.scrollWidth, `${language}: ${table.name} scrolls`).toBeLessThanOrEqual(table.clientWidth);
    }
    expect(await manager.accessibilityProblems(), `${language}: reports`).toEqual([]);
  }
  // Every chart's text as drawn on the screen (its font size times the SVG's scale).
  const labels = await manager.chartTextSizes();
  expect(labels.length).toBeGreaterThan(10);
  for (const l of labels) expect(l.px, `“${l.text}” is ${l.px.toFixed(1)} px`).toBeGreaterThanOrEqual(12);

  for (const section of ['Monitor', 'Reports', 'Staffing', 'Configuration', 'Users', 'Devices', 'Audit log'] as const) {
    await manager.section(section);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    expect(await manager.skippedHeadingLevels(), section).toEqual([]);
    expect(await manager.accessibilityProblems(), section).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the audit log lists each changed field from its old to its new value, dated as the manager writes dates; the opening-hours example is a hint, not a value', async () => {
  const page = manager.page;
  await manager.section('Audit log');
  const entry = page.getByRole('row').filter({ hasText: 'service.update · cash' }).first();
  // No raw JSON: each changed field by its name, from its old to its new value.
  await expect(entry).toContainText('targetWaitMin: 10 → 4');
  await expect(entry).toContainText('goalPercent: 90 → 85');
  await expect(entry).not.toContainText('{"');
  // The date as a European manager writes it (day before month, 24-hour clock), never US-style M/D/YY.
  const today = new Date();
  const dd = String(today.getDate()).padStart(2, '0');
  const mm = String(today.getMonth() + 1).padStart(2, '0');
  await expect(entry.getByRole('cell').first()).toHaveText(new RegExp(`^${dd}[./]${mm}[./]${today.getFullYear()},? \\d{2}:\\d{2}:\\d{2}$`));
  // Long values wrap between words, never inside one.
  expect(await manager.wordsBrokenInside('.audit td')).toEqual([]);

  await manager.section('Configuration');
  const hours = page.getByRole('form', { name: 'Service cash' }).getByLabel('Opening hours');
  await expect(hours).toHaveValue('');
  await expect(hours).not.toHaveAttribute('placeholder', /\d/);
  await expect(page.getByRole('form', { name: 'Service cash' })).toContainText('e.g. 1-5 09:00-18:00');
});
