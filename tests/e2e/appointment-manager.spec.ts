import { expect, test } from '@playwright/test';
import { BranchConfig, demoBranchConfig, formatBookingCode } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';
import { ManagerPage } from './manager-page';

/*
 * The manager's appointments screen in real Chromium: book a slot, see its code, move it, cancel it. The server's
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
