// A counter's rating screen in Chromium against a real branch (issue #19): paired by a manager for counter 2 in the
// manager app, it is idle until the teller there finishes a visit, then asks in the ticket's language; a tap on 4
// is kept once for that visit and the satisfaction report shows it; then "thank you", then idle again.
import { expect, test } from '@playwright/test';
import { businessDayOf, demoBranchConfig, newRequestId } from '@rinda/shared';
import { startBranch } from '../support/start-branch';
import { expectNoSeriousViolations } from './kiosk-page';
import { ManagerPage } from './manager-page';

// A tablet at the counter.
test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test('a rating screen paired for a counter asks in the ticket’s language when the visit there ends, and a tap on 4 reaches the report', async ({ browser, page }) => {
  const branch = await startBranch();
  try {
    await page.goto(`${branch.url}/kiosk/rating.html`);
    const code = page.getByTestId('pairing-code');
    await expect(code).toHaveText(/^[A-Z2-9]{4} [A-Z2-9]{4}$/);
    await expectNoSeriousViolations(page, 'rating screen: pairing');

    await branch.createUser('maria', 'secret', 'manager');
    const manager = await ManagerPage.open(browser, branch.url, 'maria', 'secret');
    await manager.section('Devices');
    const form = manager.page.getByRole('form', { name: 'Enrol a device' });
    await form.getByLabel('Pairing code').fill((await code.textContent())!.replace(' ', ''));
    await form.getByLabel('Name').fill('Counter 2 rating');
    await form.getByLabel('Counter (rating screens only)').selectOption({ label: 'Counter 2' });
    await form.getByRole('button', { name: 'Enrol' }).click();
    await expect(manager.page.getByRole('row').filter({ hasText: 'Counter 2 rating' })).toContainText('Rating screen of Counter 2');
    await manager.close();

    // Paired: the screen reloads with its token and waits, in the branch's language, showing nothing of anyone.
    const screen = page.getByTestId('rating-screen');
    await expect(screen).toHaveAttribute('data-step', 'idle', { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paldies par apmeklējumu! Kad apmeklējums beidzies, varat to novērtēt šajā ekrānā.');

    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'pl' });
    if (!issued.ok) throw new Error(issued.error.message);
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    await expect(screen).toHaveAttribute('data-step', 'idle');
    await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jak oceniasz wizytę?');
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(screen).not.toContainText(issued.data.ticket.displayNumber);
    const scores = page.getByRole('group', { name: 'Jak oceniasz wizytę?' }).getByRole('button');
    await expect(scores).toHaveCount(5);
    for (const box of await scores.evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect())))
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(96);
    await expectNoSeriousViolations(page, 'rating screen: asking');

    await page.getByRole('button', { name: /^4 – / }).tap();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dziękujemy za opinię.');
    expect(branch.ctx.db.prepare('SELECT ticket_id AS id, score, comment FROM ratings').all()).toEqual([{ id: issued.data.ticket.id, score: 4, comment: null }]);
    await expectNoSeriousViolations(page, 'rating screen: thanks');
    await expect(screen).toHaveAttribute('data-step', 'idle', { timeout: 10_000 });

    const day = businessDayOf(Date.now(), 'Europe/Riga', '04:00');
    const report = await branch.http(`/api/reports/satisfaction?from=${day}&to=${day}&groupBy=counter`, { token: await branch.userToken('manager') });
    expect(((await report.json()) as { rows: unknown[] }).rows).toEqual([
      { group: 'c2', served: 1, ratings: 1, responseRatePercent: 100, meanScore: 4, score1: 0, score2: 0, score3: 0, score4: 1, score5: 0 },
    ]);
  } finally {
    await branch.stop();
  }
});

test('a rating screen is usable with the keyboard alone, goes back to idle when the counter calls its next customer, and asks to be paired once revoked', async ({ page }) => {
  const branch = await startBranch();
  try {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    await page.goto(`${branch.url}/kiosk/rating.html#token=${await branch.ratingScreenToken('c2')}`);
    const screen = page.getByTestId('rating-screen');
    await expect(screen).toHaveAttribute('data-step', 'idle');
    const issue = async (language: 'en' | 'ru') => {
      const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
      if (!issued.ok) throw new Error(issued.error.message);
    };
    await issue('ru');
    await issue('en');
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Как прошёл ваш визит?');
    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    await expect(screen).toHaveAttribute('data-step', 'idle');

    await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('How was your visit?');
    // Tab to the second score and choose it with Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /^2 – / })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your feedback.');
    expect(branch.ctx.db.prepare('SELECT score FROM ratings').all()).toEqual([{ score: 2 }]);

    // Revoked in Devices: it drops what it showed and offers a new pairing code.
    const screenId = branch.ctx.devices.list().find((d) => d.kind === 'rating')!.id;
    expect((await branch.http(`/api/admin/devices/${screenId}/revoke`, { method: 'POST', token: await branch.userToken('manager') })).status).toBe(200);
    await expect(page.getByTestId('pairing-code')).toHaveText(/^[A-Z2-9]{4} [A-Z2-9]{4}$/, { timeout: 15_000 });
  } finally {
    await branch.stop();
  }
});

test('idle, a rating screen speaks its branch’s own language, whatever the kiosk’s first one is', async ({ page }) => {
  const branch = await startBranch({ config: { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, defaultLanguage: 'lt' } } });
  try {
    await page.goto(`${branch.url}/kiosk/rating.html#token=${await branch.ratingScreenToken('c2')}`);
    await expect(page.getByTestId('rating-screen')).toHaveAttribute('data-step', 'idle');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ačiū, kad apsilankėte! Kai apsilankymas baigsis, galite jį įvertinti šiame ekrane.');
    await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
  } finally {
    await branch.stop();
  }
});
