// The phone's status page tells its customer when the turn is near (phoneAlerts: N people or M minutes left) and
// when called: sound, vibration and a notification while the page is open. Real branch, real Chromium; only the
// phone's notification centre is recorded in place of being shown.
import { expect, test, type Page } from '@playwright/test';
import { demoBranchConfig, newRequestId } from '@rinda/shared';
import { startFakeSmsGateway } from '../support/fake-sms-gateway';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { PHONE, expectNoSeriousViolations } from './kiosk-page';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

let branch: Branch;
let kiosk: BranchSocket;
let teller: BranchSocket;

test.beforeAll(async () => {
  branch = await startBranch({ config: { ...demoBranchConfig, phoneAlerts: { peopleLeft: 1, minutesLeft: 0 } } });
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  teller = await branch.connect({ token: await branch.userToken('teller', 'ilze') });
  expect((await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
});
test.afterAll(async () => {
  await branch?.stop();
});

async function issue(): Promise<string> {
  const result = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.statusPath;
}
async function tellerDoes(name: 'ticket:callNext' | 'ticket:finish') {
  const result = await branch.request(teller, name, { requestId: newRequestId(), counterId: 'c2' });
  expect(result.ok, name).toBe(true);
}

/** The phone's notification centre and vibration motor, recorded; permission starts as "ask". */
async function recordAlerts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shown: { title: string; body: string }[]; vibrations: unknown[] };
    w.shown = [];
    w.vibrations = [];
    let permission: NotificationPermission = 'default';
    class RecordedNotification {
      static get permission() {
        return permission;
      }
      static requestPermission() {
        permission = 'granted';
        return Promise.resolve(permission);
      }
      constructor(title: string, options: { body: string }) {
        w.shown.push({ title, body: options.body });
      }
    }
    Object.defineProperty(window, 'Notification', { configurable: true, value: RecordedNotification });
    Object.defineProperty(Navigator.prototype, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        w.vibrations.push(pattern);
        return true;
      },
    });
  });
}
const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { shown: { title: string; body: string }[]; vibrations: unknown[] };
    return { shown: w.shown, vibrations: w.vibrations };
  });

test('tells the customer once when the turn is near, and again when called, by sound, vibration and a notification', async ({ page }) => {
  await issue();
  await issue();
  const mine = await issue();
  await recordAlerts(page);
  await page.goto(`${branch.url}${mine}`);
  await expect(page.getByTestId('status-waiting')).toContainText('People ahead of you: 2');
  await page.getByRole('button', { name: 'Turn on notifications' }).press('Enter');
  await expect(page.getByText('Notifications are on')).toBeVisible();
  expect(await recorded(page)).toEqual({ shown: [], vibrations: [] });

  // One ahead: N = 1 people left, the turn is near.
  await tellerDoes('ticket:callNext');
  await expect(page.getByTestId('status-near')).toHaveText('Your turn is near: please be ready.');
  await expect.poll(() => recorded(page)).toEqual({
    shown: [{ title: 'Your turn is near', body: 'Ticket A003: 1 ahead of you. Please be ready.' }],
    vibrations: [[600]],
  });
  await expectNoSeriousViolations(page, 'status: turn near');

  // Nearer still: no second "near" alert. Then the call: its notification (and the call's own chime).
  await tellerDoes('ticket:finish');
  await tellerDoes('ticket:callNext');
  await expect(page.getByTestId('status-waiting')).toContainText('You are next');
  await tellerDoes('ticket:finish');
  await tellerDoes('ticket:callNext');
  await expect(page.getByTestId('status-called')).toHaveText('Go to counter 2');
  await expect.poll(async () => (await recorded(page)).shown).toEqual([
    { title: 'Your turn is near', body: 'Ticket A003: 1 ahead of you. Please be ready.' },
    { title: 'It is your turn', body: 'Ticket A003: go to counter 2.' },
  ]);
  await tellerDoes('ticket:finish');
});

test('a page opened when the turn is already near does not alert: only a change it sees does', async ({ page }) => {
  await issue();
  const mine = await issue();
  await recordAlerts(page);
  await page.goto(`${branch.url}${mine}`);
  await expect(page.getByTestId('status-near')).toBeVisible();
  await page.getByRole('button', { name: 'Turn on notifications' }).click();
  await tellerDoes('ticket:callNext');
  await expect(page.getByTestId('status-waiting')).toContainText('You are next');
  expect(await recorded(page)).toEqual({ shown: [], vibrations: [] });
  await tellerDoes('ticket:finish');
});

test('with an SMS gateway the customer may leave a number, is told a malformed one plainly, and can erase it', async ({ page }) => {
  const gateway = await startFakeSmsGateway();
  const smsBranch = await startBranch({ config: { ...demoBranchConfig, phoneAlerts: { peopleLeft: 0, minutesLeft: 0 } }, sms: { url: gateway.url, secret: gateway.secret } });
  try {
    const smsKiosk = await smsBranch.connect({ token: await smsBranch.deviceToken('kiosk') });
    const issued = await smsBranch.request(smsKiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!issued.ok) throw new Error(issued.error.message);
    await page.goto(`${smsBranch.url}${issued.data.statusPath}`);
    const field = page.getByLabel('Mobile number for SMS (optional)');
    await field.fill('20000000');
    await field.press('Enter');
    await expect(page.getByTestId('sms-message')).toHaveText('Please give the number with the country code, e.g. +371 20000000.');
    await field.fill('+371 2000 0123');
    await page.getByRole('button', { name: 'Text me' }).click();
    await expect(page.getByTestId('sms-message')).toHaveText('We will text you when your turn is near and when you are called.');
    expect(smsBranch.ctx.db.prepare('SELECT COUNT(*) AS n FROM ticket_contacts').get()).toEqual({ n: 1 });
    await expectNoSeriousViolations(page, 'status: SMS number given');
    await page.getByRole('button', { name: 'Stop SMS and erase my number' }).click();
    await expect(page.getByTestId('sms-message')).toHaveText('Your number is erased.');
    expect(smsBranch.ctx.db.prepare('SELECT COUNT(*) AS n FROM ticket_contacts').get()).toEqual({ n: 0 });
  } finally {
    await smsBranch.stop();
    await gateway.close();
  }
});
