// "I need more time" on the phone's status page, in Chromium against a real branch: once per visit the customer
// lets stepBack.places people go first; the page shows the new place and does not offer it again.
import { expect, test } from '@playwright/test';
import { demoBranchConfig, newRequestId } from '@rinda/shared';
import { startBranch } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test('a waiting customer steps back once, with the keyboard, and the page follows the new place', async ({ page }) => {
  const branch = await startBranch({ config: { ...demoBranchConfig, stepBack: { places: 2 } } });
  try {
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const paths: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'pl' });
      if (!r.ok) throw new Error(r.error.message);
      paths.push(r.data.statusPath);
      // Distinct issue times: tickets of one millisecond share a place in the line (step-back.ts).
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await page.goto(`${branch.url}${paths[1]}`);
    await expect(page.getByTestId('status-waiting')).toContainText('Osób przed tobą: 1');
    await expect(page.getByTestId('step-back')).toContainText('Przepuść 2 osoby');
    await expectNoSeriousViolations(page, 'status: step back offered');
    await page.getByRole('button', { name: 'Potrzebuję więcej czasu' }).press('Enter');
    await expect(page.getByTestId('step-back-done')).toBeVisible();
    await expect(page.getByTestId('status-waiting')).toContainText('Osób przed tobą: 3');
    await expect(page.getByRole('button', { name: 'Potrzebuję więcej czasu' })).toHaveCount(0);
  } finally {
    await branch.stop();
  }
});
