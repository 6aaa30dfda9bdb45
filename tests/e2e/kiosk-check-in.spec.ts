// "I'm here" at the kiosk for a ticket taken on a phone, in Chromium against a real branch server: the status page
// shows its address as a QR code and its arrival code; the kiosk's reader (a keyboard to the page) types the
// address, or the customer types the code on the keypad; the ticket is confirmed, so its call waits for it.
import { expect, test } from '@playwright/test';
import { arrivalCode, demoBranchConfig, newRequestId, type IssuedTicket, type JoinChallenge } from '@rinda/shared';
import { solveProof } from '../support/solve-proof';
import { startBranch, type Branch } from '../support/start-branch';
import { expectNoSeriousViolations, KioskPage, PHONE } from './kiosk-page';

test.describe.configure({ mode: 'serial' });

let branch: Branch;
let kioskUrl: string;

test.beforeAll(async () => {
  branch = await startBranch({ config: { ...demoBranchConfig, remoteJoin: { ...demoBranchConfig.remoteJoin, proofOfWorkBits: 8 } } });
  kioskUrl = `${branch.url}/kiosk/#token=${await branch.deviceToken('kiosk')}`;
});
test.afterAll(async () => {
  await branch?.stop();
});

let phones = 0;
/** A ticket taken from a phone over the join API, as the join page takes it. */
async function remoteTicket(): Promise<IssuedTicket> {
  const post = async (path: string, body: unknown): Promise<unknown> => (await branch.http(path, { method: 'POST', body })).json();
  const challenge = (await post('/api/join/challenge', {})) as JoinChallenge;
  phones++;
  return (await post('/api/join/tickets', {
    requestId: newRequestId(),
    deviceId: `phone-${String(phones).padStart(12, '0')}`,
    serviceId: 'cash',
    language: 'en',
    priorityReasonId: null,
    challenge: challenge.challenge,
    nonce: solveProof(challenge.challenge, challenge.bits),
  })) as IssuedTicket;
}
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

test("the kiosk's QR reader types the status address and Enter: checked in; a wrong code is told and changes nothing", async ({ page }) => {
  const issued = await remoteTicket();
  const kiosk = new KioskPage(page);
  await openCheckIn(kiosk);
  const wrong = arrivalCode(issued.ticket.id) === '000000' ? '000001' : '000000';
  await page.keyboard.type(wrong);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-in-outcome')).toHaveText('Nevienam gaidošam numuram nav šāda koda. Pārbaudiet to un mēģiniet vēlreiz vai jautājiet darbiniekam.');
  expect(confirmedAt(issued.ticket.id)).toBeNull();

  // A reader is a keyboard: it types what the QR code holds, then Enter, into the field that has the focus.
  await expect(page.getByLabel('Pieteikšanās kods')).toBeFocused();
  await page.keyboard.type(`${branch.url}/t/${issued.ticket.id}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-in-outcome')).toHaveText(`Paldies, ${issued.ticket.displayNumber}: jūs esat pieteicies. Gaidiet savu numuru uz ekrāna.`);
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
});
