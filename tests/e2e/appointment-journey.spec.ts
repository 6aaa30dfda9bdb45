import { expect, test } from '@playwright/test';
import { BranchConfig, demoBranchConfig, formatBookingCode, type Booking } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { CounterPage } from './counter-page';
import { DisplayPage, LANDSCAPE } from './display-page';
import { expectNoSeriousViolations, KioskPage, PORTRAIT, startKioskBranch, type KioskBranch } from './kiosk-page';

/*
 * Book → check in at the kiosk → called at the counter → shown on the display, in real Chromium against a real
 * server, SQLite file and virtual printer. The server's clock is Wednesday 2026-11-25 09:50 in Riga; loans are
 * bookable at counter 4 (ticket prefix CV).
 */

const TEN = Date.UTC(2026, 10, 25, 8, 0); // 10:00 in Riga
const WEEKDAYS = [1, 2, 3, 4, 5];
const config = BranchConfig.parse({
  ...demoBranchConfig,
  appointments: {
    services: [{ serviceId: 'loans', ticketPrefix: 'CV', slotMin: 30, walkInSharePercent: 0, hours: [{ days: WEEKDAYS, from: '09:00', to: '12:00' }] }],
  },
});
let env: KioskBranch;
test.beforeAll(async () => {
  env = await startKioskBranch({ config, startAt: TEN - 10 * 60_000 });
});
test.afterAll(async () => {
  await env?.stop();
});

test('a booked customer checks in with their code, gets an appointment ticket, and is called at their slot', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { branch, printer } = env;
  const token = await branch.userToken('teller', 'anna');
  const res = await branch.http('/api/appointments', { method: 'POST', token, body: { serviceId: 'loans', date: '2026-11-25', time: '10:00' } });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as { booking: Booking };

  // At the kiosk: English, "I have an appointment", the code as a customer might type it.
  await page.setViewportSize(PORTRAIT);
  const kiosk = new KioskPage(page);
  const before = printer.tickets().length;
  await kiosk.open(env.kioskUrl);
  await kiosk.languageButton('English').click();
  await page.getByTestId('have-appointment').click();
  await expect(kiosk.heading()).toHaveText(translate(customerMessages.kiosk.en, 'appointment.title'));
  await expectNoSeriousViolations(page, 'booking code');
  // A wrong code is told in the customer's language, and the customer goes back to correct it.
  await page.getByTestId('booking-code').fill('0000000000');
  await page.getByTestId('check-in').click();
  await expect(kiosk.refusal()).toHaveText(translate(customerMessages.kiosk.en, 'refused.codeNotFound'));
  await kiosk.button('Back').click();
  await page.getByTestId('booking-code').fill(formatBookingCode(booking.code).toLowerCase());
  await page.getByTestId('check-in').click();
  await expect(kiosk.ticketNumber()).toHaveText('CV001');
  await expect(page.getByTestId('appointment-time')).toHaveText('Appointment at 10:00');
  const printed = await printer.waitForTicket(before + 1);
  expect(printed.lines).toContain('CV001');
  expect(printed.text).toContain(translate(customerMessages.ticket.en, 'appointment', { time: '10:00' }));

  // The display, and a teller at counter 4 when the slot begins.
  const displayPage = await browser.newPage({ viewport: LANDSCAPE });
  const display = new DisplayPage(displayPage);
  await display.open(`${branch.url}/display/#token=${await branch.deviceToken('display')}`);
  await branch.createUser('janis', 'secret', 'teller');
  const counter = await CounterPage.open(browser, branch.url, { username: 'janis', password: 'secret' }, 'Counter 4');
  branch.clock.set(TEN);
  await counter.action('callNext').click();
  await expect(counter.currentNumber()).toHaveText('CV001');
  await expect(counter.page.getByTestId('current-appointment')).toHaveText(`Appointment 10:00 · code ${formatBookingCode(booking.code)}`);
  await expect(display.currentCalls().first().getByTestId('call-number')).toHaveText('CV001');
  await expect(display.currentCalls().first().getByTestId('call-counter')).toHaveText('4');
  await counter.close();
  await displayPage.close();
});
