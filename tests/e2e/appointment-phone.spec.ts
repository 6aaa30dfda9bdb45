import { expect, test } from '@playwright/test';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { BranchConfig, demoBranchConfig, formatBookingCode, type Booking } from '@rinda/shared';
import { remindersOf } from '../../apps/server/src/appointments/booking-reminders';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import { startBranch, type Branch } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

/*
 * The booking page on a phone in real Chromium: checking a booking in from the branch's Wi-Fi (refused, in the
 * page's language, while the phone's address is outside the ranges; then on to the ticket's status page), and a
 * booking that leaves a number for the reminder SMS (the fake operator receives it in the page's language).
 * The server's clock is Wednesday 2026-11-25 09:50 in Riga; loans are bookable at counter 4.
 */

test.describe.configure({ mode: 'serial' });
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

const TEN = Date.UTC(2026, 10, 25, 8, 0);
const MOBILE = '+37120000123';
const config = (phoneNetworks: string[]) =>
  BranchConfig.parse({
    ...demoBranchConfig,
    appointments: {
      services: [{ serviceId: 'loans', ticketPrefix: 'CV', slotMin: 30, walkInSharePercent: 0, hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' }] }],
      checkIn: { earlyMin: 30, graceMin: 10, phoneNetworks },
      reminderBeforeMin: 60,
    },
  });
let branch: Branch;
let gateway: FakeSmsGateway;
test.beforeAll(async () => {
  gateway = await startFakeSmsGateway();
  // The branch's Wi-Fi is first a range the test's browser is not in.
  branch = await startBranch({ config: config(['10.20.0.0/16']), clock: 'manual', startAt: TEN - 10 * 60_000, sms: { url: gateway.url, secret: gateway.secret, retryBaseMs: 5 } });
});
test.afterAll(async () => {
  await branch?.stop();
  await gateway?.close();
});

test("a booked customer checks in from the phone on the branch's Wi-Fi and follows the ticket on its status page", async ({ browser }) => {
  const res = await branch.http('/api/appointments', { method: 'POST', token: await branch.userToken('teller'), body: { serviceId: 'loans', date: '2026-11-25', time: '10:00' } });
  const { booking } = (await res.json()) as { booking: Booking };
  const context = await browser.newContext({ locale: 'lv-LV', viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const lv = (key: string) => translate(customerMessages.kiosk.lv, key);
  // As the reminder links: the code comes with the address.
  await page.goto(`${branch.url}/kiosk/book.html#code=${booking.code}`);
  const checkIn = page.getByTestId('phone-check-in');
  await expect(checkIn.getByRole('heading')).toHaveText(lv('book.checkInTitle'));
  await expect(checkIn.getByLabel(lv('appointment.codeLabel'))).toHaveValue(booking.code);
  await expectNoSeriousViolations(page, 'booking page: check-in');

  await checkIn.getByRole('button', { name: lv('book.checkInSubmit') }).click();
  await expect(checkIn.getByRole('alert')).toHaveText(lv('book.notInBranch'));
  expect(branch.ctx.db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 0 });

  // The manager names the right range (the one the phone is on): the same page now checks in.
  expect(branch.ctx.setConfig(config(['127.0.0.0/8'])).ok).toBe(true);
  await checkIn.getByRole('button', { name: lv('book.checkInSubmit') }).click();
  await expect(page).toHaveURL(/\/t\/[A-Za-z0-9_-]{16,}$/);
  await expect(page.getByTestId('status-number')).toHaveText('CV001');
  expect(branch.ctx.db.prepare('SELECT state FROM bookings WHERE id = ?').pluck().get(booking.id)).toBe('checkedIn');
  await context.close();
});

test('a customer booking on the phone leaves a number and gets the reminder in the page language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const ru = (key: string) => translate(customerMessages.kiosk.ru, key);
  await page.goto(`${branch.url}/kiosk/book.html`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru('book.title'));
  await page.getByLabel(ru('book.date')).fill('2026-11-25');
  await page.getByLabel(ru('book.phoneLabel')).fill('+371 2000 0123');
  await expectNoSeriousViolations(page, 'booking page: reminder number');
  await page.locator('button[data-time="11:30"]').click();
  await expect(page.getByTestId('booked')).toContainText(ru('book.booked'));
  const code = branch.ctx.db.prepare(`SELECT code FROM bookings WHERE slot_time = '11:30'`).pluck().get() as string;
  await expect(page.getByTestId('public-code')).toHaveText(formatBookingCode(code));

  branch.clock.set(TEN + 30 * 60_000); // 10:30, an hour before 11:30
  expect(remindersOf(branch.ctx)!.sweep()).toMatchObject({ sent: 1 });
  await expect.poll(() => gateway.received.length).toBe(1);
  const sms = gateway.received[0]!;
  expect(sms.to).toBe(MOBILE);
  expect(sms.text.startsWith(ru('book.reminderSms').split(':')[0]!)).toBe(true);
  expect(sms.text).toContain(`2026-11-25 в 11:30`);
  expect(sms.text).toContain(formatBookingCode(code));
  await context.close();
});
