// A phone ticket's QR scanned at the kiosk on any screen, in Chromium against a real branch server: the ticket was
// taken through the public join API, the kiosk's reader is a keyboard to the page (it types the status address and
// Enter, at a reader's pace: qr-reader.ts), and the outcome shows in place of the screen, which then comes back.
// The rule that tells a scan from typing: apps/kiosk/src/features/check-in/scan-recogniser.ts (and its unit test).
import { expect, test, type Page } from '@playwright/test';
import { arrivalCode, spokenTicketNumber } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { startJoinBranch, takeRemoteTicket } from '../support/remote-ticket';
import type { Branch } from '../support/start-branch';
import { expectNoSeriousViolations, KioskPage } from './kiosk-page';
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

const { lv, ru, en, uk } = customerMessages.kiosk;
const statusAddress = (ticketId: string) => `${branch.url}/t/${ticketId}`;
const confirmedAt = (id: string) => branch.ctx.db.prepare('SELECT confirmed_at FROM tickets WHERE id = ?').pluck().get(id);
/** Every ticket the branch holds and whether it was confirmed: what a refused scan must leave as it was. */
const allTickets = () => branch.ctx.db.prepare('SELECT id, state, confirmed_at FROM tickets ORDER BY id').all();

/** The kiosk's QR reader reads a code: it types the code's text at a reader's pace, then Enter. */
const scan = (page: Page, text: string) => typeAtPace(page, text);

test("a phone ticket scanned on the start screen is checked in, told in the ticket's language; Done brings back the start screen", async ({ page }) => {
  const issued = await takeRemoteTicket(branch, { language: 'en' });
  const kiosk = new KioskPage(page);
  await kiosk.open(kioskUrl);
  await scan(page, statusAddress(issued.ticket.id));

  await expect(page.getByTestId('check-in-outcome')).toHaveText(translate(en, 'checkIn.done', { number: issued.ticket.displayNumber }));
  await expect(page.getByTestId('scan-result')).toHaveAttribute('lang', 'en');
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
  await expectNoSeriousViolations(page, 'kiosk: scanned on the start screen');

  await page.getByRole('button', { name: translate(en, 'nav.done'), exact: true }).click();
  await expect(kiosk.heading()).toHaveText(translate(lv, 'language.prompt'));
  await expect(kiosk.languageButton('Latviešu')).toBeVisible();
});

test('a phone ticket scanned mid-choice on the service screen is checked in, and the service screen comes back as it was', async ({ page }) => {
  const issued = await takeRemoteTicket(branch, { language: 'uk' });
  const kiosk = new KioskPage(page);
  await kiosk.open(kioskUrl);
  await kiosk.languageButton('Русский').click();
  await expect(kiosk.heading()).toHaveText(translate(ru, 'services.title'));
  const ticketsBefore = allTickets().length;

  await scan(page, statusAddress(issued.ticket.id));
  await expect(page.getByTestId('check-in-outcome')).toHaveText(translate(uk, 'checkIn.done', { number: issued.ticket.displayNumber }));
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
  expect(allTickets()).toHaveLength(ticketsBefore);
  await expectNoSeriousViolations(page, 'kiosk: scanned on the service screen');

  await page.getByRole('button', { name: translate(uk, 'nav.done'), exact: true }).click();
  await expect(kiosk.heading()).toHaveText(translate(ru, 'services.title'));
});

test('a bad scan is told clearly and changes nothing: a ticket this branch does not hold, a code that is no ticket, one already confirmed', async ({ page }) => {
  const issued = await takeRemoteTicket(branch);
  const kiosk = new KioskPage(page);
  await kiosk.open(kioskUrl);
  const before = allTickets();

  // A ticket address of another branch (or a forged one): the id is nowhere in this branch.
  await scan(page, statusAddress('forged-ticket-id-0000'));
  await expect(page.getByRole('alert')).toHaveText(translate(lv, 'checkIn.notHere'));
  await expectNoSeriousViolations(page, 'kiosk: a bad scan');
  await page.getByRole('button', { name: translate(lv, 'nav.done'), exact: true }).click();
  await expect(kiosk.languageButton('Latviešu')).toBeVisible();

  // Any other code the reader can read (a product's barcode, a web address).
  await scan(page, 'https://example.com/offers/2026');
  await expect(page.getByRole('alert')).toHaveText(translate(lv, 'checkIn.unreadable'));
  await page.getByRole('button', { name: translate(lv, 'nav.done'), exact: true }).click();
  expect(allTickets()).toEqual(before);

  // Scanned twice: the second is told the ticket needs nothing more.
  await scan(page, statusAddress(issued.ticket.id));
  await expect(page.getByTestId('check-in-outcome')).toHaveText(translate(en, 'checkIn.done', { number: issued.ticket.displayNumber }));
  const confirmed = confirmedAt(issued.ticket.id);
  await page.getByRole('button', { name: translate(en, 'nav.done'), exact: true }).click();
  await scan(page, statusAddress(issued.ticket.id));
  await expect(page.getByRole('alert')).toHaveText(translate(lv, 'checkIn.notNeeded'));
  expect(confirmedAt(issued.ticket.id)).toBe(confirmed);
});

test("a person typing a ticket's address into the check-in field is not taken for a scan: the field sends it", async ({ page }) => {
  const issued = await takeRemoteTicket(branch);
  const kiosk = new KioskPage(page);
  await kiosk.open(kioskUrl);
  await kiosk.button(translate(lv, 'checkIn.open')).click();
  const field = page.getByLabel(translate(lv, 'checkIn.codeLabel'));
  await expect(field).toBeFocused();

  // A fast typist's pace (120 ms a key), then Enter: the field keeps the text and sends it, as typed.
  await typeAtPace(page, statusAddress(issued.ticket.id), 120);
  // Sent by the field: told on the check-in screen, in its language, not on the scan's own screen.
  await expect(page.getByTestId('check-in-outcome')).toHaveText(translate(lv, 'checkIn.done', { number: issued.ticket.displayNumber }));
  await expect(page.getByTestId('scan-result')).toHaveCount(0);
  expect(confirmedAt(issued.ticket.id)).toEqual(expect.any(Number));
});

/** Texts the kiosk asked to say since entry `from` (its speech log), as "language: text". */
const spokenSince = async (page: Page, from: number) =>
  (await page.evaluate(() => window.__rindaSpeechLog?.map((e) => `${e.language}: ${e.text}`) ?? [])).slice(from);
const spokenCount = async (page: Page) => (await spokenSince(page, 0)).length;
/** Waits until the kiosk has asked to say `text` since entry `from`. */
async function hears(page: Page, from: number, text: string | RegExp): Promise<void> {
  await expect.poll(async () => (await spokenSince(page, from)).some((s) => (typeof text === 'string' ? s === text : text.test(s))), { timeout: 20_000 }).toBe(true);
}

/**
 * In the audio mode, from the language screen: arrows reach the check-in (said in the kiosk's language), Enter opens
 * it, and the screen is said with how to type the code.
 */
async function openCheckInByKeys(page: Page): Promise<void> {
  const open = translate(lv, 'checkIn.open');
  for (let i = 0; ; i++) {
    expect(i, 'the check-in was never said').toBeLessThan(10);
    const from = await spokenCount(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await spokenSince(page, from)).length).toBeGreaterThan(0);
    if ((await spokenSince(page, from)).some((s) => s.startsWith(`lv: ${open}`))) break;
  }
  const from = await spokenCount(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate(lv, 'checkIn.title'));
  const screen = `${translate(lv, 'checkIn.title')}. ${translate(lv, 'checkIn.hint', { digits: 6 })} ${translate(lv, 'audio.codeKeys')}`;
  await hears(page, from, `lv: ${screen}`);
}

test('in the audio mode, the check-in screen is said with how to type the code, and a check-in (typed or scanned) is said in its language', async ({ page }) => {
  test.setTimeout(90_000);
  const typed = await takeRemoteTicket(branch);
  const scanned = await takeRemoteTicket(branch, { language: 'en' });
  const kiosk = new KioskPage(page);
  await kiosk.open(kioskUrl);
  await page.keyboard.press('F1');
  await hears(page, 0, `lv: ${translate(lv, 'audio.on')}`);

  await openCheckInByKeys(page);
  const field = page.getByLabel(translate(lv, 'checkIn.codeLabel'));
  await expect(field).toBeFocused();
  // 0 is a digit here, not "back"; Backspace erases; Escape goes back.
  await page.keyboard.press('0');
  await expect(field).toHaveValue('0');
  await page.keyboard.press('Backspace');
  await expect(field).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(kiosk.heading()).toHaveText(translate(lv, 'language.prompt'));

  // The number keys type the code, Enter sends it.
  await openCheckInByKeys(page);
  await page.keyboard.type(arrivalCode(typed.ticket.id));
  await expect(field).toHaveValue(arrivalCode(typed.ticket.id));
  let from = await spokenCount(page);
  await page.keyboard.press('Enter');
  const done = translate(lv, 'checkIn.done', { number: spokenTicketNumber(typed.ticket.displayNumber, 'lv') });
  await hears(page, from, `lv: ${done} ${translate(lv, 'audio.resultHint')}`);
  expect(confirmedAt(typed.ticket.id)).toEqual(expect.any(Number));
  await expectNoSeriousViolations(page, 'kiosk: checked in, in the audio mode');
  // Enter finishes; the next customer starts without the guide.
  await page.keyboard.press('Enter');
  await expect(page.locator('.kiosk')).toHaveAttribute('data-audio-guide', 'off');
  await expect(kiosk.languageButton('Latviešu')).toBeVisible();

  // A scan on the service screen in the audio mode: said in the ticket's language; the digits of its address
  // choose nothing (a digit is a choice there); Enter brings back the service screen, said again.
  from = await spokenCount(page);
  await page.keyboard.press('F1');
  await hears(page, from, `lv: ${translate(lv, 'audio.on')}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(kiosk.heading()).toHaveText(translate(lv, 'services.title'));
  await hears(page, from, new RegExp(`^lv: ${translate(lv, 'services.title')}\\. 1: `));
  const ticketsBefore = allTickets().length;
  from = await spokenCount(page);
  await scan(page, statusAddress(scanned.ticket.id));
  const scannedDone = translate(en, 'checkIn.done', { number: spokenTicketNumber(scanned.ticket.displayNumber, 'en') });
  await hears(page, from, `en: ${scannedDone} ${translate(en, 'audio.resultHint')}`);
  expect(confirmedAt(scanned.ticket.id)).toEqual(expect.any(Number));
  expect(allTickets()).toHaveLength(ticketsBefore);
  from = await spokenCount(page);
  await page.keyboard.press('Enter');
  await expect(kiosk.heading()).toHaveText(translate(lv, 'services.title'));
  await hears(page, from, new RegExp(`^lv: ${translate(lv, 'services.title')}\\. 1: `));
  expect(allTickets()).toHaveLength(ticketsBefore);
});
