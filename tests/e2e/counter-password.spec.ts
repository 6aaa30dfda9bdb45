// A teller whose account a manager created: the counter app asks for their own password before anything
// else, refuses weak ones in the teller's language, and any teller can change theirs later from the bar.
import { expect, test } from '@playwright/test';
import { startBranch, type Branch } from '../support/start-branch';
import { CounterPage } from './counter-page';

test.describe.configure({ mode: 'serial' });

let branch: Branch;

test.beforeAll(async () => {
  branch = await startBranch();
  await branch.createUser('maija', 'maija manages here', 'manager', 'Maija Kalniņa');
  const managerToken = await branch.login('maija', 'maija manages here');
  // Through the manager's route, as the manager app does: the password must be changed at the first sign-in.
  const created = await branch.http('/api/admin/users', { token: managerToken, body: { username: 'erik', password: 'set by maija 1', name: 'Ēriks Kalns', role: 'teller' } });
  expect(created.status).toBe(201);
});

test.afterAll(async () => {
  await branch?.stop();
});

test('a password a manager set must be changed before the counter opens, and weak ones are refused', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const counter = CounterPage.attach(page);
  await page.goto(`${branch.url}/counter/`);
  await counter.fillSignIn('erik', 'set by maija 1');
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('A manager set your password. Choose your own before you start work.');
  // Nothing else works with this session meanwhile: the counter's socket is refused.
  const token = await page.evaluate(() => sessionStorage.getItem('rinda.counter.session'));
  expect(await branch.connectError({ token: token! })).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
  expect(await counter.accessibilityProblems()).toEqual([]);

  const english = { current: 'Current password', next: 'New password', again: 'New password again', save: 'Save new password' };
  const tryChange = async (current: string, next: string, again = next, labels = english) => {
    await page.getByLabel(labels.current).fill(current);
    await page.getByLabel(labels.next, { exact: true }).fill(next);
    await page.getByLabel(labels.again).fill(again);
    await page.getByRole('button', { name: labels.save }).click();
  };
  await tryChange('set by maija 1', 'too short');
  await expect(counter.alert()).toHaveText('The new password needs at least 12 characters.');
  await tryChange('set by maija 1', 'a long new one here', 'a long new one there');
  await expect(counter.alert()).toHaveText('The two new passwords differ.');
  await tryChange('set by maija 1', 'Password2024!');
  await expect(counter.alert()).toHaveText('This password is too easy to guess: too common, or your username. Choose another.');
  await tryChange('not my password', 'ērika paša parole');
  await expect(counter.alert()).toHaveText('The current password is wrong.');

  // In the teller's language too.
  await page.getByLabel('Language').selectOption('lv');
  await expect(page.getByRole('heading', { name: 'Paroles maiņa' })).toBeVisible();
  const latvian = { current: 'Pašreizējā parole', next: 'Jaunā parole', again: 'Jaunā parole vēlreiz', save: 'Saglabāt jauno paroli' };
  await tryChange('set by maija 1', 'Password2024!', 'Password2024!', latvian);
  await expect(counter.alert()).toHaveText('Šo paroli ir pārāk viegli uzminēt: tā ir pārāk izplatīta vai sakrīt ar lietotājvārdu. Izvēlieties citu.');
  await page.getByLabel('Valoda').selectOption('en');

  await tryChange('set by maija 1', 'ērika paša parole');
  await expect(page.getByRole('heading', { name: 'Choose your counter' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Choose your counter' })).toBeVisible();
  await context.close();
  // The manager's password no longer works; the teller's own does, with no change asked.
  expect((await branch.http('/api/auth/login', { body: { username: 'erik', password: 'set by maija 1' } })).status).toBe(401);
  expect(await (await branch.http('/api/auth/login', { body: { username: 'erik', password: 'ērika paša parole' } })).json()).toMatchObject({ passwordChangeRequired: false });
});

test('any teller changes their own password from the status bar', async ({ browser }) => {
  const erik = await CounterPage.open(browser, branch.url, { username: 'erik', password: 'ērika paša parole' });
  const page = erik.page;
  await page.getByRole('button', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await dialog.getByLabel('Current password').fill('ērika paša parole');
  await dialog.getByLabel('New password', { exact: true }).fill('erik picked again 2');
  await dialog.getByLabel('New password again').fill('erik picked again 2');
  await dialog.getByRole('button', { name: 'Save new password' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Your password is changed.')).toBeVisible();
  // The session that changed it goes on; the old password is gone.
  await expect(page.getByRole('heading', { name: 'Choose your counter' })).toBeVisible();
  expect((await branch.http('/api/auth/login', { body: { username: 'erik', password: 'ērika paša parole' } })).status).toBe(401);
  expect((await branch.http('/api/auth/login', { body: { username: 'erik', password: 'erik picked again 2' } })).status).toBe(200);
  await erik.close();
});
