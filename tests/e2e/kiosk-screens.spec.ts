// Every kiosk screen, in portrait and landscape: a screenshot kept under test-results/screenshots/ and an
// axe-core scan with no serious or critical violation (European Accessibility Act). Also: the whole
// journey by keyboard alone, with a visible focus, and the high-contrast + large-text mode.
import { expect, test, type Page } from '@playwright/test';
import { CUSTOMER_LANGUAGES, demoBranchConfig } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { KioskPage, LANDSCAPE, PORTRAIT, expectControlsWithinReach, expectNoSeriousViolations, startKioskBranch, ticketsOf, type KioskBranch } from './kiosk-page';
import { typeAtPace } from './qr-reader';

test.describe.configure({ mode: 'serial' });

let env: KioskBranch;
/** Set by a test to hold the next print (and so the ack) until released, or to jam the printer at print time. */
let holdPrint: Promise<void> | null = null;
let jamNextPrint = false;

test.beforeAll(async () => {
  env = await startKioskBranch({
    beforePrint: async (printer) => {
      if (jamNextPrint) printer.setMode('offline');
      jamNextPrint = false;
      await holdPrint;
    },
  });
});
test.afterAll(async () => {
  await env?.stop();
});
test.afterEach(() => env.printer.setMode('ok'));

async function capture(kiosk: KioskPage, orientation: string, screen: string) {
  await kiosk.screenshot(`kiosk-${orientation}-${screen}`);
  await expectNoSeriousViolations(kiosk.page, `${orientation} ${screen}`);
}

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  test(`every kiosk screen in ${orientation}: screenshot and axe scan`, async ({ browser }) => {
    const page = await (await browser.newContext({ viewport })).newPage();
    const kiosk = new KioskPage(page);
    await kiosk.open(env.kioskUrl);
    await capture(kiosk, orientation, '1-language');

    await kiosk.languageButton('Latviešu').click();
    await expect(kiosk.serviceButton('Kase un maksājumi')).toBeEnabled();
    await capture(kiosk, orientation, '2-services');
    await kiosk.button('Augsts kontrasts un liels teksts').click();
    await capture(kiosk, orientation, '2b-services-high-contrast');
    await kiosk.button('Augsts kontrasts un liels teksts').click();

    await kiosk.serviceButton('Kase un maksājumi').click();
    await expect(kiosk.button('Nē, parasta biļete')).toBeEnabled();
    await capture(kiosk, orientation, '3-priority');

    // The print (and so the ack) is held past the kiosk's request timeout: the customer sees the issuing
    // screen, then "try again"; the retry reuses the requestId and gets the one ticket that was issued.
    const cashBefore = new Set(ticketsOf(env.branch, 'cash').map((t) => t.id));
    const printedBefore = env.printer.tickets().length;
    let release = () => {};
    holdPrint = new Promise((resolve) => (release = resolve));
    await kiosk.button('Nē, parasta biļete').click();
    await expect(kiosk.heading()).toHaveText('Jūsu biļete tiek izsniegta. Lūdzu, uzgaidiet.');
    await capture(kiosk, orientation, '4-issuing');
    await expect(kiosk.refusal()).toHaveText('Biļeti neizdevās izsniegt. Lūdzu, mēģiniet vēlreiz vai vērsieties pie darbinieka.', { timeout: 15_000 });
    await capture(kiosk, orientation, '4b-request-failed');
    release();
    holdPrint = null;
    await env.printer.waitForTicket(printedBefore + 1);
    await kiosk.button('Mēģināt vēlreiz').click();
    await expect(kiosk.ticketNumber()).toBeVisible();
    const issued = ticketsOf(env.branch, 'cash').filter((t) => !cashBefore.has(t.id));
    expect(issued).toHaveLength(1);
    await expect(kiosk.ticketNumber()).toHaveText(issued[0]!.displayNumber);
    expect(env.printer.tickets()).toHaveLength(printedBefore + 1);
    await capture(kiosk, orientation, '5-result');

    await kiosk.button('Gatavs').click();
    jamNextPrint = true;
    await kiosk.languageButton('Latviešu').click();
    await kiosk.serviceButton('Uzņēmumiem').click();
    await expect(page.getByRole('img', { name: /QR kods/ })).toBeVisible();
    await capture(kiosk, orientation, '6-result-print-failed');

    await kiosk.button('Gatavs').click();
    env.printer.setMode('paper_out');
    await kiosk.languageButton('Latviešu').click();
    await kiosk.serviceButton('Uzņēmumiem').click();
    await expect(kiosk.refusal()).toBeVisible();
    await capture(kiosk, orientation, '7-printer-unavailable');
    env.printer.setMode('ok');

    await env.branch.app.close();
    await expect(kiosk.outOfService()).toBeVisible();
    await capture(kiosk, orientation, '8-out-of-service');
    await env.branch.restart();
    await expect(kiosk.languageButton('Latviešu')).toBeVisible();
    await page.context().close();
  });
}

/** The focused element, and whether the focus is drawn (an outline that is not none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return { text: el?.innerText ?? '', outlined: !!style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
  });

async function tabTo(page: Page, text: RegExp) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (text.test(f.text)) {
      expect(f.outlined, `visible focus on "${f.text}"`).toBe(true);
      return;
    }
  }
  throw new Error(`no focusable element matching ${text} within 20 tabs`);
}

test('a customer takes a ticket with the keyboard alone, seeing where the focus is', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const kiosk = new KioskPage(page);
  await kiosk.open(env.kioskUrl);
  await expect(kiosk.languageButton('English')).toBeEnabled();
  await tabTo(page, /^English$/);
  await page.keyboard.press('Enter');
  await expect(kiosk.heading()).toHaveText('Choose a service');
  await expect(kiosk.serviceButton('Accounts and cards')).toBeEnabled();
  await tabTo(page, /^Accounts and cards/);
  await page.keyboard.press('Enter');
  await expect(kiosk.button('No, a regular ticket')).toBeEnabled();
  await tabTo(page, /^Pregnancy$/);
  await page.keyboard.press('Space');
  await expect(kiosk.ticketNumber()).toHaveText(/^B\d{3}$/);
  await tabTo(page, /^Done$/);
  await page.keyboard.press('Enter');
  await expect(kiosk.languageButton('English')).toBeVisible();
  await page.context().close();
});

test('the high-contrast + large-text mode makes text larger and light on dark, and ends with the customer', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const kiosk = new KioskPage(page);
  await kiosk.open(env.kioskUrl);
  const heading = kiosk.heading();
  const size = () => heading.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const background = () => page.locator('.kiosk').evaluate((el) => getComputedStyle(el).backgroundColor);
  const normalSize = await size();

  const toggle = page.getByRole('button', { name: 'Augsts kontrasts un liels teksts' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await size()).toBeGreaterThanOrEqual(normalSize * 1.25);
  expect(await background()).toBe('rgb(0, 0, 0)');

  // The next customer starts in the ordinary mode.
  await kiosk.languageButton('English').click();
  await kiosk.serviceButton('Business clients').click();
  await kiosk.button('Done').click();
  await expect(page.getByRole('button', { name: 'Augsts kontrasts un liels teksts' })).toHaveAttribute('aria-pressed', 'false');
  await page.context().close();
});

test('the high-contrast + large-text language screen fits a 1080 × 1920 portrait screen: nothing is cut off at the right', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const kiosk = new KioskPage(page);
  await kiosk.open(env.kioskUrl);
  await kiosk.button('Augsts kontrasts un liels teksts').click();
  await expect(page.locator('.kiosk--accessible')).toBeVisible();
  const names = await page.locator('.choices--languages button').allInnerTexts();
  expect(names.length).toBeGreaterThanOrEqual(6);
  for (const name of names) await expect(kiosk.languageButton(name)).toBeInViewport({ ratio: 1 });
  // Every element, the subtitle's prompts and each button's own name included: its right edge inside the screen,
  // and no text wider than the box it sits in (a clipped word inside a button is cut off all the same).
  const overflowing = await page.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      const label = `${el.tagName.toLowerCase()}.${el.className} "${el.innerText.slice(0, 30)}"`;
      if (box.right > width + 0.5) out.push(`${label} right edge ${Math.round(box.right)} > ${width}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${label} clips its content`);
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`${label} text wider than the button`);
    }
    return out;
  }, PORTRAIT.width);
  expect(overflowing).toEqual([]);
  await kiosk.screenshot('kiosk-portrait-1b-language-high-contrast');
  await page.context().close();
});

test('every kiosk screen in every language: no serious or critical axe violation, and every control within reach in portrait', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const kiosk = new KioskPage(page);
  await kiosk.open(env.kioskUrl);
  await expectNoSeriousViolations(page, 'language');
  await expectControlsWithinReach(page, 'language');
  const serviceName = (id: string, lng: (typeof CUSTOMER_LANGUAGES)[number]) => demoBranchConfig.services.find((s) => s.id === id)!.names[lng];
  for (const lng of CUSTOMER_LANGUAGES) {
    const text = (key: string) => translate(customerMessages.kiosk[lng], key);
    const screen = async (name: string) => {
      await expectNoSeriousViolations(page, `${lng} ${name}`);
      await expectControlsWithinReach(page, `${lng} ${name}`);
    };
    await kiosk.languageButton(text('languageName')).click();
    await expect(kiosk.serviceButton(serviceName('cash', lng))).toBeEnabled();
    await screen('services');
    // The kiosk's QR reader reads a code that is no phone ticket: told on its own screen, then back to the services.
    await typeAtPace(page, 'https://example.com/offers/2026');
    await expect(page.getByRole('alert')).toHaveText(text('checkIn.unreadable'));
    await screen('scanned code');
    await kiosk.button(text('nav.done')).click();
    await kiosk.serviceButton(serviceName('cash', lng)).click();
    await expect(kiosk.button(text('priority.none'))).toBeEnabled();
    await screen('priority');
    await kiosk.button(text('priority.none')).click();
    await expect(kiosk.ticketNumber()).toBeVisible();
    await screen('result');
    await kiosk.button(text('nav.done')).click();

    env.printer.setMode('paper_out');
    await kiosk.languageButton(text('languageName')).click();
    await kiosk.serviceButton(serviceName('business', lng)).click();
    await expect(kiosk.refusal()).toHaveText(text('refused.printerUnavailable'));
    await screen('refused');
    env.printer.setMode('ok');
    await kiosk.button(text('nav.startOver')).click();
    await expect(kiosk.languageButton('Latviešu')).toBeVisible();
  }
  // The high-contrast + large-text mode keeps its controls within reach too.
  await kiosk.button('Augsts kontrasts un liels teksts').click();
  await expectControlsWithinReach(page, 'language, high contrast');
  await kiosk.languageButton('English').click();
  await expect(kiosk.serviceButton('Cash and payments')).toBeEnabled();
  await expectControlsWithinReach(page, 'services, high contrast');
  await page.context().close();
});
