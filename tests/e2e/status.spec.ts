// The phone page behind a ticket's QR code (/t/<id>), against a real branch server: a kiosk socket issues
// tickets, a teller socket calls them, and the page in Chromium (phone-sized) follows along live.
import { expect, test, type Page } from '@playwright/test';
import { newRequestId, type IssuedTicket } from '@rinda/shared';
import type { BranchSocket } from '../support/start-branch';
import { KioskPage, PHONE, expectNoSeriousViolations, startKioskBranch, type KioskBranch } from './kiosk-page';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

let env: KioskBranch;
let kioskSocket: BranchSocket;
let teller: BranchSocket;
let tellerToken: string;

test.beforeAll(async () => {
  env = await startKioskBranch();
  kioskSocket = await env.branch.connect({ token: await env.branch.deviceToken('kiosk') });
  tellerToken = await env.branch.userToken('teller', 'ilze');
  teller = await env.branch.connect({ token: tellerToken });
  const signedIn = await env.branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' });
  expect(signedIn.ok).toBe(true);
});
test.afterAll(async () => {
  await env?.stop();
});

async function issue(language: 'ru' | 'lv'): Promise<IssuedTicket> {
  const result = await env.branch.request(kioskSocket, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function teller_(name: 'ticket:callNext' | 'ticket:start' | 'ticket:finish') {
  const result = await env.branch.request(teller, name, { requestId: newRequestId(), counterId: 'c1' });
  expect(result.ok, `${name}: ${result.ok ? '' : result.error.message}`).toBe(true);
}

/** Records what the page asks of the phone: vibration patterns and tones started. */
async function recordCues(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { vibrations: unknown[]; tones: number };
    w.vibrations = [];
    w.tones = 0;
    Object.defineProperty(Navigator.prototype, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        w.vibrations.push(pattern);
        return true;
      },
    });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.tones += 1;
      return start.apply(this, args);
    };
  });
}
const cues = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { vibrations: unknown[]; tones: number };
    return { vibrations: w.vibrations.length, tones: w.tones };
  });

test('the status page follows the ticket live, in its language, and says where to go when it is called', async ({ page }) => {
  const ahead = await issue('lv');
  const mine = await issue('ru');
  await recordCues(page);
  await page.goto(`${env.branch.url}${mine.statusPath}`);
  const shots = new KioskPage(page);

  await expect(page.getByTestId('status-number')).toHaveText(mine.ticket.displayNumber);
  await expect(page.getByText('Услуга: Касса и платежи')).toBeVisible();
  await expect(page.getByTestId('status-waiting')).toContainText('Перед вами в очереди: 1');
  // Counter 1 serves cash: a range, typical and at most, in the ticket's language.
  await expect(page.getByTestId('status-wait')).toHaveText(/^Обычно ожидание (\d+|меньше 1) мин, не более \d+ мин$/);
  await expect(page).toHaveTitle(`Талон ${mine.ticket.displayNumber}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await shots.screenshot('status-phone-1-waiting');
  await expectNoSeriousViolations(page, 'status: waiting');

  // The ticket ahead is called: this page learns it is next without a reload.
  await teller_('ticket:callNext');
  expect(env.branch.ctx.state().tickets.get(ahead.ticket.id)?.state).toBe('called');
  await expect(page.getByTestId('status-waiting')).toContainText('Вы следующий');
  expect((await cues(page)).vibrations).toBe(0);

  await teller_('ticket:start');
  await teller_('ticket:finish');
  await teller_('ticket:callNext');
  await expect(page.getByTestId('status-called')).toHaveText('Подойдите к окну 1');
  await expect.poll(() => cues(page)).toEqual({ vibrations: 1, tones: 2 });
  await shots.screenshot('status-phone-2-called');
  await expectNoSeriousViolations(page, 'status: called');

  await teller_('ticket:start');
  await expect(page.getByTestId('status-serving')).toHaveText('Вас обслуживают у окна 1.');
  await teller_('ticket:finish');
  await expect(page.getByText('Ваш визит завершён. Спасибо!')).toBeVisible();
});

test('a recall cues the phone again; a reload does not re-cue an old call', async ({ page }) => {
  const mine = await issue('lv');
  await recordCues(page);
  await page.goto(`${env.branch.url}${mine.statusPath}`);
  await expect(page.getByTestId('status-waiting')).toContainText('Jūs esat nākamais');

  await teller_('ticket:callNext');
  await expect(page.getByTestId('status-called')).toHaveText('Dodieties pie 1. loga');
  await expect.poll(() => cues(page)).toEqual({ vibrations: 1, tones: 2 });
  const recall = await env.branch.request(teller, 'ticket:recall', { requestId: newRequestId(), counterId: 'c1' });
  expect(recall.ok).toBe(true);
  await expect.poll(() => cues(page)).toEqual({ vibrations: 2, tones: 4 });

  await page.reload();
  await expect(page.getByTestId('status-called')).toHaveText('Dodieties pie 1. loga');
  await teller_('ticket:start');
  // Once the page shows the next change, any cue it would have played for the old call has played.
  await expect(page.getByTestId('status-serving')).toBeVisible();
  expect(await cues(page)).toEqual({ vibrations: 0, tones: 0 });
  await teller_('ticket:finish');
});

test('when the server goes away the page says it is reconnecting, and follows the ticket again once it is back', async ({ page }) => {
  const mine = await issue('lv');
  await page.goto(`${env.branch.url}${mine.statusPath}`);
  await expect(page.getByTestId('status-waiting')).toContainText('Jūs esat nākamais');

  await env.branch.app.close();
  await expect(page.getByText('Savienojums zudis. Atjauno…')).toBeVisible();
  await env.branch.restart();
  await expect(page.getByText('Savienojums zudis. Atjauno…')).toHaveCount(0);
  // The test's teller socket does not reconnect by itself: the same teller connects again, still at counter 1.
  teller = await env.branch.connect({ token: tellerToken });
  await teller_('ticket:callNext');
  await expect(page.getByTestId('status-called')).toHaveText('Dodieties pie 1. loga');
});

test('an unknown ticket id says the ticket was not found', async ({ page }) => {
  await page.goto(`${env.branch.url}/t/AAAAAAAAAAAAAAAAAAAAAA`);
  await expect(page.getByRole('status')).toHaveText(/not found|не найден|nav atrasta|nerastas|Nie znaleziono|не знайдено/);
  await expectNoSeriousViolations(page, 'status: not found');
});
