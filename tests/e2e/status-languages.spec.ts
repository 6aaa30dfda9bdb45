// The phone status page in each of the six customer languages (issue 18: axe clean on every screen in every
// language): waiting, then called, in the ticket's language, with no serious or critical axe violation.
import { expect, test } from '@playwright/test';
import { CUSTOMER_LANGUAGES, newRequestId } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { startBranch, type Branch } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

let branch: Branch;
test.afterAll(async () => {
  await branch?.stop();
});

test('the status page in every customer language: in its language, and axe clean while waiting and when called', async ({ page }) => {
  test.setTimeout(120_000);
  branch = await startBranch();
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const teller = await branch.connect({ token: await branch.userToken('teller', 'ilze') });
  expect((await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);

  for (const language of CUSTOMER_LANGUAGES) {
    const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
    if (!issued.ok) throw new Error(issued.error.message);
    const number = issued.data.ticket.displayNumber;
    await page.goto(`${branch.url}${issued.data.statusPath}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page).toHaveTitle(translate(customerMessages.status[language], 'pageTitle', { number }));
    await expect(page.getByText(translate(customerMessages.status[language], 'yourNumber'))).toBeVisible();
    await expectNoSeriousViolations(page, `status ${language}: waiting`);

    expect((await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
    await expect(page.getByText(translate(customerMessages.status[language], 'called.goTo', { counter: 1 }))).toBeVisible();
    await expectNoSeriousViolations(page, `status ${language}: called`);
    expect((await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId: 'c1' })).ok).toBe(true);
  }
});
