// Feedback on the phone's status page, in Chromium against a real branch: when the visit ends served the page
// asks a 1–5 rating and an optional comment, once; a reload thanks the customer instead of asking again.
import { expect, test } from '@playwright/test';
import { newRequestId } from '@rinda/shared';
import { startBranch } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test('a served customer rates the visit with the keyboard, once, in the ticket language', async ({ page }) => {
  const branch = await startBranch();
  try {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const teller = await branch.connect({ token: await branch.userToken('teller') });
    await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' });
    if (!issued.ok) throw new Error(issued.error.message);
    await page.goto(`${branch.url}${issued.data.statusPath}`);
    await expect(page.getByTestId('status-number')).toHaveText(issued.data.ticket.displayNumber);
    await expect(page.getByTestId('rating')).toHaveCount(0);

    await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c2' });
    await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    await expect(page.getByRole('group', { name: 'Kā jums patika apmeklējums?' })).toBeVisible();
    await expectNoSeriousViolations(page, 'status: rating asked');

    await page.getByRole('button', { name: 'Nosūtīt' }).press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Lūdzu, izvēlieties vērtējumu no 1 līdz 5.');
    await page.getByRole('radio', { name: '1 – ļoti slikti' }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: '5 – lieliski' })).toBeChecked();
    await page.getByLabel('Komentārs (nav obligāts; lūdzu, nerakstiet vārdus vai numurus)').fill('Ātri un laipni.');
    await page.getByRole('button', { name: 'Nosūtīt' }).press('Enter');
    await expect(page.getByTestId('rating-thanks')).toHaveText('Paldies par atsauksmi.');
    expect(branch.ctx.db.prepare('SELECT score, comment FROM ratings').all()).toEqual([{ score: 5, comment: 'Ātri un laipni.' }]);

    await page.reload();
    await expect(page.getByTestId('rating-thanks')).toBeVisible();
    await expect(page.getByTestId('rating')).toHaveCount(0);
  } finally {
    await branch.stop();
  }
});
