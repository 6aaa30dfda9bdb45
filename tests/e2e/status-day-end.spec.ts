// The phone status page at the day boundary (issue 18): a ticket still waiting when its business day ended is closed
// by the server (ticket.cancelled, reason dayEnded), and its page says it was closed at the end of the day, in the
// ticket's language, not that it was cancelled. A real branch server with a settable clock; the page in Chromium.
import { expect, test } from '@playwright/test';
import { CUSTOMER_LANGUAGES, newRequestId, type CustomerLanguage, type IssuedTicket } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { DAY_BOUNDARY_CHECK_MS } from '../../apps/server/src/commands/day-boundary';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

// Riga is UTC+2 in March and the demo business day starts at 04:00 local (02:00 UTC).
const EVENING = Date.parse('2026-03-10T18:00:00Z');
const DAY_START = Date.parse('2026-03-11T02:00:00Z');
const said = (language: CustomerLanguage, key: string) => translate(customerMessages.status[language], key);

let branch: Branch;
test.afterEach(async () => {
  await branch?.stop();
});

async function issue(kiosk: BranchSocket, language: CustomerLanguage): Promise<IssuedTicket> {
  const result = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

test('a ticket left waiting at the end of its day says, in each of the six languages, that it was closed at the end of the day', async ({ page }) => {
  test.setTimeout(60_000 + DAY_BOUNDARY_CHECK_MS);
  branch = await startBranch({ clock: 'manual', startAt: EVENING });
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const teller = await branch.connect({ token: await branch.userToken('teller', 'anna') });
  const left = new Map<CustomerLanguage, IssuedTicket>();
  for (const language of CUSTOMER_LANGUAGES) left.set(language, await issue(kiosk, language));
  const cancelledByStaff = await issue(kiosk, 'lv');
  expect((await branch.request(teller, 'ticket:cancel', { requestId: newRequestId(), ticketId: cancelledByStaff.ticket.id })).ok).toBe(true);

  // The English page is open, waiting, when the day ends: it learns of the close live, without a reload.
  const open = left.get('en')!;
  await page.goto(`${branch.url}${open.statusPath}`);
  await expect(page.getByTestId('status-waiting')).toBeVisible();
  branch.clock.set(DAY_START + 60_000);
  // The server looks for earlier days' waiting tickets every DAY_BOUNDARY_CHECK_MS.
  await expect(page.getByTestId('status-cancelled')).toHaveText(said('en', 'cancelled.dayEnded'), { timeout: DAY_BOUNDARY_CHECK_MS + 5000 });
  await expectNoSeriousViolations(page, 'status: closed at the end of the day');

  for (const [language, ticket] of left) {
    await page.goto(`${branch.url}${ticket.statusPath}`);
    await expect(page.getByTestId('status-cancelled'), language).toHaveText(said(language, 'cancelled.dayEnded'));
    await expect(page.locator('html')).toHaveAttribute('lang', language);
  }
  // One cancelled by a teller the evening before is still told it was cancelled.
  await page.goto(`${branch.url}${cancelledByStaff.statusPath}`);
  await expect(page.getByTestId('status-cancelled')).toHaveText(said('lv', 'cancelled.message'));
});
