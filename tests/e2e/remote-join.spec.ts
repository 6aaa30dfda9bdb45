// Remote join in Chromium against a real branch server: the public join page (/join/), its poster
// (/join/poster), the proof of work solved by the page with WebCrypto, and "I'm here" on the ticket's status page.
import { expect, test } from '@playwright/test';
import { demoBranchConfig, type BranchConfig, type RemoteJoinSettings } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

const config = (change: Partial<RemoteJoinSettings> = {}): BranchConfig => ({
  ...demoBranchConfig,
  remoteJoin: { ...demoBranchConfig.remoteJoin, serviceIds: ['cash', 'accounts'], proofOfWorkBits: 10, maxWaitingPerService: 2, confirmWithinPlaces: 1, ...change },
});

let branch: Branch;
let teller: BranchSocket;

test.beforeAll(async () => {
  branch = await startBranch({ config: config() });
  teller = await branch.connect({ token: await branch.userToken('teller', 'ilze') });
});
test.afterAll(async () => {
  await branch?.stop();
});

const ticketsIssued = () => (branch.ctx.db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'remote'").get() as { n: number }).n;

test('a phone takes a ticket from outside, in its language, with a priority reason, and lands on its status page', async ({ page }) => {
  await page.goto(`${branch.url}/join/`);
  await expect(page.getByRole('heading', { name: 'Join the queue' })).toBeVisible();
  await expectNoSeriousViolations(page, 'join: choices');

  await page.getByRole('radio', { name: 'Русский' }).check();
  await expect(page.getByRole('heading', { name: 'Встать в очередь' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  // Loans is not offered remotely: it is not on the page at all.
  await expect(page.getByRole('radio', { name: /Кредиты/ })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Касса и платежи' }).check();
  await page.getByRole('radio', { name: 'Беременность' }).check();
  // Listened for only now: the page's load and axe scan above take seconds on a busy machine.
  const heard = branch.nextEvent(teller, 'ticket:issued', (m) => m.ticket.channel === 'remote');
  await page.getByRole('button', { name: 'Взять талон' }).click();

  await expect(page).toHaveURL(/\/t\/[A-Za-z0-9_-]{16,}$/);
  await expect(page.getByTestId('status-number')).toHaveText('A001');
  await expect(page.getByTestId('confirm-arrival')).toContainText('Я здесь');
  const issued = await heard;
  expect(issued.ticket).toMatchObject({ displayNumber: 'A001', language: 'ru', priorityReasonId: 'pregnancy', channel: 'remote' });
  await expectNoSeriousViolations(page, 'status: remote, unconfirmed');
});

test('the join page works with the keyboard alone', async ({ page }) => {
  await page.goto(`${branch.url}/join/`);
  await expect(page.getByRole('heading', { name: 'Join the queue' })).toBeVisible();
  // From the language group (English is chosen) Tab reaches the first service, the arrow key picks the next.
  await page.getByRole('radio', { name: 'English' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Cash and payments' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Accounts and cards' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'No priority' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Take a ticket' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-number')).toHaveText('B001');
});

test("\"I'm here\" confirms the ticket: the teller hears it, and the page says so", async ({ page }) => {
  const row = branch.ctx.db.prepare("SELECT id FROM tickets WHERE display_number = 'B001'").get() as { id: string };
  await page.goto(`${branch.url}/t/${row.id}`);
  // Nobody is ahead (within confirmWithinPlaces): the page urges it.
  await expect(page.getByTestId('confirm-arrival')).toContainText('Your turn is near. Are you in the branch?');
  const updated = branch.nextEvent(teller, 'ticket:updated', (m) => m.ticket.id === row.id);
  await page.getByRole('button', { name: 'I’m here' }).press('Enter');
  await expect(page.getByTestId('confirm-done')).toHaveText('Thank you: you are confirmed.');
  expect((await updated).ticket.confirmedAt).not.toBeNull();
  await expectNoSeriousViolations(page, 'status: remote, confirmed');
});

test("the server's refusal is told in the page language, and nothing is issued", async ({ page, context }) => {
  // Cash takes two remote tickets waiting; A001 is one. This page chooses cash while a place is left...
  await page.goto(`${branch.url}/join/`);
  await page.getByRole('radio', { name: 'Latviešu' }).check();
  await page.getByRole('radio', { name: 'Kase un maksājumi' }).check();
  // ...and another phone takes that place first.
  const other = await context.newPage();
  await other.goto(`${branch.url}/join/`);
  await other.getByRole('radio', { name: 'Cash and payments' }).check();
  await other.getByRole('button', { name: 'Take a ticket' }).click();
  await expect(other).toHaveURL(/\/t\//);
  const before = ticketsIssued();

  await page.getByRole('button', { name: 'Paņemt numuru' }).click();
  await expect(page.getByTestId('join-error')).toHaveText(
    'Šis pakalpojums pašlaik nepieņem attālinātus pieteikumus (slēgts, drīz slēgs vai pilns). Lūdzu, paņemiet numuru filiālē.',
  );
  expect(ticketsIssued()).toBe(before);
  await expectNoSeriousViolations(page, 'join: refused');
  await page.reload();
  await page.getByRole('radio', { name: 'Latviešu' }).check();
  await expect(page.getByRole('radio', { name: 'Kase un maksājumi (pašlaik nav pieejams)' })).toBeDisabled();
  await page.getByRole('button', { name: 'Paņemt numuru' }).click();
  await expect(page.getByTestId('join-error')).toHaveText('Lūdzu, izvēlieties pakalpojumu.');
});

test('the poster shows the join address as a QR code and the invitation in every kiosk language', async ({ page }) => {
  await page.goto(`${branch.url}/join/poster`);
  const url = page.getByTestId('poster-url');
  await expect(url).toHaveText(/\/join\/$/);
  const address = await url.textContent();
  await expect(page.locator('img.ticket-qr')).toHaveAttribute('data-qr-payload', address ?? '');
  await expect(page.getByText('Noskenējiet kodu', { exact: false })).toBeVisible();
  await expect(page.getByText('Встаньте в очередь с телефона')).toBeVisible();
  await expectNoSeriousViolations(page, 'join poster');
});
