import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { BranchConfig, demoBranchConfig, formatBookingCode } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';
import { ManagerPage } from './manager-page';

/*
 * The manager's appointments screen in real Chromium (book a slot, see its code, move it, cancel it) and the
 * public booking page on a phone-sized screen. The server's
 * clock is Wednesday 2026-11-25 09:50 in Riga; loans are bookable at counter 4 (one place a slot).
 */

const TEN = Date.UTC(2026, 10, 25, 8, 0);
const config = BranchConfig.parse({
  ...demoBranchConfig,
  appointments: {
    services: [{ serviceId: 'loans', ticketPrefix: 'CV', slotMin: 30, walkInSharePercent: 0, hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '12:00' }] }],
  },
});
let branch: Branch;
test.beforeAll(async () => {
  branch = await startBranch({ config, clock: 'manual', startAt: TEN - 10 * 60_000 });
  await branch.createUser('maija', 'secret', 'manager');
});
test.afterAll(async () => {
  await branch?.stop();
});

test('a manager books a slot, gets its code, moves the booking and cancels it', async ({ browser }) => {
  const manager = await ManagerPage.open(browser, branch.url, 'maija', 'secret');
  const { page } = manager;
  await manager.section('Appointments');
  await page.getByLabel('Date').fill('2026-11-25');
  await page.locator('tr[data-slot="10:30"]').getByRole('button', { name: 'Book' }).click();
  await expect(page.getByTestId('booking-made')).toContainText('Booked for 10:30: code ');
  const [booking] = branch.ctx.db.prepare('SELECT id, code FROM bookings').all() as { id: string; code: string }[];
  expect(booking).toBeDefined();
  await expect(page.getByTestId('booking-made')).toHaveText(`Booked for 10:30: code ${formatBookingCode(booking!.code)}`);
  await expect(page.locator('tr[data-slot="10:30"]')).toContainText('1 / 1');
  // The slot is full: its button is off, and the booking is listed with its code.
  await expect(page.locator('tr[data-slot="10:30"]').getByRole('button', { name: 'Book' })).toBeDisabled();
  const row = page.locator(`tr[data-booking="${booking!.code}"]`);
  await expect(row).toContainText(formatBookingCode(booking!.code));

  await row.getByLabel('Move to…').selectOption('11:00');
  await expect(row).toContainText('11:00');
  await expect(page.locator('tr[data-slot="10:30"]')).toContainText('0 / 1');
  await row.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(row).toContainText('Cancelled');
  expect(branch.ctx.db.prepare('SELECT state, slot_time AS time FROM bookings').get()).toEqual({ state: 'cancelled', time: '11:00' });
  expect(await manager.accessibilityProblems()).toEqual([]);
  await manager.close();
});

test('anyone books on the public page in their language and is given a code to keep', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'lv-LV', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${branch.url}/kiosk/book.html`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate(customerMessages.kiosk.lv, 'book.title'));
  await page.getByRole('button', { name: 'PL' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate(customerMessages.kiosk.pl, 'book.title'));
  await page.getByLabel(translate(customerMessages.kiosk.pl, 'book.date')).fill('2026-11-25');
  await page.locator('button[data-time="11:30"]').click();
  await expect(page.getByTestId('booked')).toContainText(translate(customerMessages.kiosk.pl, 'book.booked'));
  const booking = branch.ctx.db.prepare(`SELECT code, booked_by AS bookedBy FROM bookings WHERE slot_time = '11:30'`).get() as { code: string; bookedBy: string | null };
  expect(booking.bookedBy).toBeNull();
  await expect(page.getByTestId('public-code')).toHaveText(formatBookingCode(booking.code));
  await expect(page.getByTestId('booked')).toContainText(translate(customerMessages.kiosk.pl, 'book.keep', { minutes: 30 }));
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await context.close();
});

