// "I'm here" at the kiosk for a ticket taken on a phone, in Chromium against a real branch server: the status page
// shows its address as a QR code and its arrival code; the kiosk's reader (a keyboard to the page) types the
// address, or the customer types the code on the keypad; the ticket is confirmed, so its call waits for it.
// A scan on any other screen, and the rule that tells a scan from typing: kiosk-scan.spec.ts.
import { expect, test } from '@playwright/test';
import { arrivalCode } from '@rinda/shared';
import { startJoinBranch, takeRemoteTicket } from '../support/remote-ticket';
import type { Branch } from '../support/start-branch';
import { expectNoSeriousViolations, KioskPage, PHONE } from './kiosk-page';
import { typeAtPace } from './qr-reader';

test.describe.configure({ mode: 'serial' });

let branch: Branch;
let kioskUrl: string;

test.beforeAll(async () => {
  ({ branch, kioskUrl } = await startJoinBranch());
});
test.afterAll(async () => {
  await branch?.stop();
});

const remoteTicket = () => takeRemoteTicket(branch);
const confirmedAt = (id: string) => branch.ctx.db.prepare('SELECT confirmed_at FROM tickets WHERE id = ?').pluck().get(id);

async function openCheckIn(kiosk: KioskPage): Promise<void> {
  await kiosk.open(kioskUrl);
  // The first screen offers it in the kiosk's default language (the phone tells its customer in theirs).
  await kiosk.button('Numuru ņēmāt tālrunī? Piesakieties šeit').click();
  await expect(kiosk.heading()).toHaveText('Pieteikt tālrunī ņemto numuru');
  await expect(kiosk.page.getByLabel('Pieteikšanās kods')).toBeFocused();
}

test("a remote ticket's status page shows its own address as a QR code and its arrival code, for the kiosk", async ({ browser }) => {
  const issued = await remoteTicket();
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${branch.url}${issued.statusPath}`);
  await expect(page.getByTestId('kiosk-check-in')).toContainText(arrivalCode(issued.ticket.id));
  await expect(page.getByRole('img', { name: 'Check-in code for the kiosk' })).toHaveAttribute('data-qr-payload', `${branch.url}/t/${issued.ticket.id}`);
  await expectNoSeriousViolations(page, 'status: remote, with its kiosk check-in');
  await context.close();
});

test('the customer types the arrival code on the kiosk keypad and is checked in; the ticket is confirmed', async ({ page }) => {
  const issued = await remoteTicket();
  const kiosk = new KioskPage(page);
  await openCheckIn(kiosk);
  await expectNoSeriousViolations(page, 'kiosk: check in');
  for (const digit of arrivalCode(issued.ticket.id)) await page.getByRole('button', { name: digit, exact: true }).click();
  await expect(page.getByLabel('Pieteikšanās kods')).toHaveValue(arrivalCode(issued.ticket.id));
  await page.getByRole('button', { name: 'Pieteikties', exact: true }).click();
  await expect(page.getByTestId('check-in-outcome')).toHaveText(`Paldies, ${issued.ticket.displayNumber}: jūs esat pieteicies. Gaidiet savu numuru uz ekrāna.`);
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
  await expectNoSeriousViolations(page, 'kiosk: checked in');
  await page.getByRole('button', { name: 'Gatavs', exact: true }).click();
  await expect(kiosk.languageButton('Latviešu')).toBeVisible();
});

test("a wrong code typed is told and changes nothing; the kiosk's QR reader scanning the status address checks in, told in the ticket's language", async ({ page }) => {
  const issued = await remoteTicket();
  const kiosk = new KioskPage(page);
  await openCheckIn(kiosk);
  const wrong = arrivalCode(issued.ticket.id) === '000000' ? '000001' : '000000';
  await page.keyboard.type(wrong);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-in-outcome')).toHaveText('Nevienam gaidošam numuram nav šāda koda. Pārbaudiet to un mēģiniet vēlreiz vai jautājiet darbiniekam.');
  expect(confirmedAt(issued.ticket.id)).toBeNull();

  // A reader is a keyboard: it types what the QR code holds, then Enter, at its own pace (kiosk-scan.spec.ts: on
  // every screen). The ticket was taken in English: its customer is told in English.
  await expect(page.getByLabel('Pieteikšanās kods')).toBeFocused();
  await typeAtPace(page, `${branch.url}/t/${issued.ticket.id}`);
  await expect(page.getByTestId('check-in-outcome')).toHaveText(`Thank you, ${issued.ticket.displayNumber}: you are checked in. Wait for your number on the screen.`);
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
  // Checked in from the check-in screen, there is nothing more to do there: Done starts over.
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(kiosk.languageButton('Latviešu')).toBeVisible();
});
