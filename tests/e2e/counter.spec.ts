// Two tellers in two browsers at two counters of the demo branch, a kiosk and a display on real sockets,
// all against one real branch server. Each test builds on the state the previous one left.
import { expect, test } from '@playwright/test';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { CounterPage } from './counter-page';

test.describe.configure({ mode: 'serial' });

const ANNA = { username: 'anna', password: 'anna-password', name: 'Anna Bērziņa' };
const BOB = { username: 'bob', password: 'bob-password', name: 'Bob Ozoliņš' };
const CAROL = { username: 'carol', password: 'carol-password', name: 'Carol Liepa' };

let branch: Branch;
let kiosk: BranchSocket;
let display: BranchSocket;
let anna: CounterPage;
let bob: CounterPage;

/** Counts the oscillators the page starts: the new-customer beep is two short tones. */
function countBeeps() {
  const w = window as unknown as { beeps: number };
  w.beeps = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
    w.beeps += 1;
    return start.apply(this, args);
  };
}

async function issue(serviceId: string): Promise<string> {
  const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId, language: 'lv', priorityReasonId: null });
  if (!issued.ok) throw new Error(`issue failed: ${issued.error.message}`);
  return issued.data.ticket.displayNumber;
}

test.beforeAll(async ({ browser }) => {
  // The counter needs only the core server (auth, commands, broadcasts); speech, printing, reports and
  // admin are tested in their own specs.
  branch = await startBranch({ features: [] });
  for (const u of [ANNA, BOB, CAROL]) await branch.createUser(u.username, u.password, 'teller', u.name);
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  display = await branch.connect({ token: await branch.deviceToken('display') });
  // Counter 1 serves cash and accounts, counter 2 cash only: both compete for the cash queue.
  anna = await CounterPage.open(browser, branch.url, ANNA, 'Counter 1');
  bob = await CounterPage.open(browser, branch.url, BOB, 'Counter 2', (page) => page.addInitScript(countBeeps));
});

test.afterAll(async () => {
  await anna?.close();
  await bob?.close();
  await branch?.stop();
});

test("action buttons are named by what they do; the shortcut key is shown, and announced as aria-keyshortcuts, not read as part of the name", async () => {
  const callNext = anna.page.getByRole('button', { name: 'Call next', exact: true });
  await expect(callNext).toHaveAttribute('aria-keyshortcuts', 'N');
  await expect(callNext.locator('kbd')).toHaveText('N');
  const names = await anna.page.locator('nav.actions button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).innerText));
  expect(names.length).toBeGreaterThan(5);
  for (const id of ['callNext', 'recall', 'finish', 'signOut']) {
    const key = await anna.action(id).getAttribute('aria-keyshortcuts');
    await expect(anna.action(id), `${id}'s name leaves out its key ${key}`).not.toHaveAccessibleName(new RegExp(`\\s${key}$`));
  }
});

test('the counter screen shows the queue, the current customer and only the actions valid now', async () => {
  await expect(anna.action('callNext')).toBeDisabled();
  await expect(anna.action('pause')).toBeEnabled();
  const first = await issue('cash');
  await expect(anna.waitingCount('cash')).toHaveText('1');
  await expect(anna.action('callNext')).toBeEnabled();
  await expect(anna.action('callNext')).toContainText('N');

  await anna.page.keyboard.press('n');
  await expect(anna.currentNumber()).toHaveText(first);
  await expect(anna.page.getByText('Called', { exact: true })).toBeVisible();
  for (const id of ['recall', 'start', 'finish', 'noShow', 'transfer']) await expect(anna.action(id)).toBeEnabled();
  for (const id of ['callNext', 'pause', 'signOut']) await expect(anna.action(id)).toBeDisabled();

  await anna.page.keyboard.press('s');
  await expect(anna.page.getByText('Serving', { exact: true })).toBeVisible();
  await expect(anna.page.getByText('Service time')).toBeVisible();
  await expect(anna.action('recall')).toBeDisabled();
  await anna.page.screenshot({ path: test.info().outputPath('counter-serving.png') });
  expect(await anna.accessibilityProblems()).toEqual([]);
  await anna.page.keyboard.press('f');
  await expect(anna.currentNumber()).toHaveCount(0);
  await expect(anna.page.getByText('No customer at the counter')).toBeVisible();
});

test('two tellers pressing call next at the same moment get two different tickets', async () => {
  const issued = [await issue('cash'), await issue('cash')];
  await expect(anna.waitingCount('cash')).toHaveText('2');
  await expect(bob.waitingCount('cash')).toHaveText('2');

  await Promise.all([anna.action('callNext').click(), bob.action('callNext').click()]);

  await expect(anna.currentNumber()).toBeVisible();
  await expect(bob.currentNumber()).toBeVisible();
  const called = [await anna.currentNumber().textContent(), await bob.currentNumber().textContent()];
  expect(called[0]).not.toBe(called[1]);
  expect(called.sort()).toEqual(issued.sort());
  await expect(anna.alert()).toHaveCount(0);
  await expect(bob.alert()).toHaveCount(0);

  await anna.action('finish').click();
  await bob.action('finish').click();
  await expect(anna.currentNumber()).toHaveCount(0);
  await expect(bob.currentNumber()).toHaveCount(0);
});

test('recall, no-show, transfer and finish change what the other teller and the display see', async () => {
  const number = await issue('cash');
  await expect(bob.waitingCount('cash')).toHaveText('1');

  // Call: the display announces it, the other teller sees counter 1 busy and the queue empty.
  const called = branch.nextEvent(display, 'ticket:called', (m) => m.call.displayNumber === number && !m.call.recall);
  await anna.action('callNext').click();
  expect((await called).call.counterNumber).toBe(1);
  await expect(bob.otherCounter('c1')).toContainText(`called ${number}`);
  await expect(bob.waitingCount('cash')).toHaveText('0');

  // Recall: the display receives the call again, marked as a recall.
  const recalled = branch.nextEvent(display, 'ticket:called', (m) => m.call.displayNumber === number && m.call.recall);
  await anna.action('recall').click();
  expect((await recalled).call.counterNumber).toBe(1);
  await expect(anna.page.getByText('Recalls')).toBeVisible();

  // No-show: counter 1 is free again, and the other teller may now reactivate that no-show.
  const freed = branch.nextEvent(display, 'counter:updated', (m) => m.counter.counterId === 'c1' && m.counter.activeTicketId === null);
  await expect(bob.action('reactivate')).toBeDisabled();
  await anna.action('noShow').click();
  await freed;
  await expect(bob.otherCounter('c1')).toContainText('free');
  await expect(bob.action('reactivate')).toBeEnabled();

  // Reactivate from the other counter: the dialog's button says what it does, its key is not part of its name,
  // and every column of its table has a header; the customer is back in the cash queue, on both screens.
  await bob.page.keyboard.press('a');
  const reactivate = bob.page.getByRole('dialog');
  const putBack = reactivate.getByRole('button', { name: `Put ${number} back in the queue`, exact: true });
  await expect(putBack).toHaveAttribute('aria-keyshortcuts', '1');
  await expect(reactivate.getByRole('button', { name: /^Call / })).toHaveCount(0);
  await expect(reactivate.getByRole('button', { name: 'Cancel', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Escape');
  const headers = await reactivate.getByRole('columnheader').evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ''));
  expect(headers.length).toBeGreaterThan(0);
  expect(headers.filter((text) => text === ''), 'no empty table header').toEqual([]);
  expect(await bob.accessibilityProblems()).toEqual([]);
  await putBack.click();
  await expect(anna.waitingCount('cash')).toHaveText('1');
  await expect(bob.waitingCount('cash')).toHaveText('1');

  // Transfer to counter 2: only Bob's screen offers it, as sent to his counter.
  await anna.action('callNext').click();
  await expect(anna.currentNumber()).toHaveText(number);
  await anna.page.keyboard.press('t');
  await anna.page.getByLabel('Transfer to').selectOption({ label: 'Counter 2' });
  await anna.page.getByLabel('At the back').check();
  await anna.page.keyboard.press('Enter');
  await expect(anna.currentNumber()).toHaveCount(0);
  await expect(bob.page.locator('tr[data-service="this-counter"] .waiting-count')).toHaveText('1');
  await expect(anna.action('callNext')).toBeDisabled();

  const calledAt2 = branch.nextEvent(display, 'ticket:called', (m) => m.call.displayNumber === number && m.call.counterNumber === 2);
  await bob.action('callNext').click();
  await calledAt2;
  await expect(bob.currentNumber()).toHaveText(number);
  await expect(anna.otherCounter('c2')).toContainText(`called ${number}`);

  // Finish: the display's counter 2 and the other teller's view of it are free again.
  const finished = branch.nextEvent(display, 'counter:updated', (m) => m.counter.counterId === 'c2' && m.counter.activeTicketId === null);
  await bob.action('start').click();
  await expect(anna.otherCounter('c2')).toContainText(`serving ${number}`);
  await bob.action('finish').click();
  await finished;
  await expect(anna.otherCounter('c2')).toContainText('free');
  await expect(bob.currentNumber()).toHaveCount(0);
});

test('a teller whose queue goes from empty to someone waiting hears a beep and sees a cue', async () => {
  await expect(bob.waitingCount('cash')).toHaveText('0');
  await expect(bob.page.getByText('A customer is waiting')).toHaveCount(0);
  const before = await bob.page.evaluate(() => (window as unknown as { beeps: number }).beeps);

  await issue('cash');
  await expect(bob.page.getByText('A customer is waiting')).toBeVisible();
  await expect.poll(() => bob.page.evaluate(() => (window as unknown as { beeps: number }).beeps)).toBeGreaterThan(before);

  // Calling a customer ends the cue; here a specific one, not the first in line.
  const second = await issue('cash');
  await expect(bob.waitingCount('cash')).toHaveText('2');
  await bob.page.keyboard.press('c');
  await bob.pickTicket(second);
  await expect(bob.currentNumber()).toHaveText(second);
  await expect(bob.page.getByText('A customer is waiting')).toHaveCount(0);
  await expect(bob.waitingCount('cash')).toHaveText('1');
  await bob.action('finish').click();
  await expect(bob.currentNumber()).toHaveCount(0);
  // The one left waiting is served too, so the next test starts with an empty queue.
  await bob.action('callNext').click();
  await bob.action('finish').click();
  await expect(bob.currentNumber()).toHaveCount(0);
  await expect(bob.waitingCount('cash')).toHaveText('0');
});

test('a teller cannot sign in at a counter another holds, and is told who holds it', async ({ browser }) => {
  const carol = await CounterPage.open(browser, branch.url, CAROL);
  await expect(carol.counterCard('Counter 1')).toContainText(`Taken by ${ANNA.name}`);
  expect(await carol.accessibilityProblems()).toEqual([]);
  await carol.counterCard('Counter 1').click();
  await expect(carol.alert()).toContainText(ANNA.name);
  await expect(carol.alert()).toContainText('Counter 1');
  await expect(carol.page.getByRole('heading', { name: 'Choose your counter' })).toBeVisible();
  await expect(anna.page.getByRole('heading', { name: 'Counter 1', level: 1 })).toBeVisible();

  // A free counter still works, and the screen speaks the teller's language.
  await carol.chooseCounter('Counter 3');
  await carol.page.getByLabel('Language').first().selectOption('lv');
  await expect(carol.action('pause')).toContainText('Pauze');
  await carol.page.keyboard.press('p');
  await carol.page.getByRole('dialog').getByRole('button', { name: /Sapulce/ }).click();
  await expect(carol.page.getByText('Pauze: Sapulce')).toBeVisible();
  await expect(carol.action('resume')).toBeEnabled();
  await expect(anna.otherCounter('c3')).toContainText('paused: Meeting');

  // Leaving the counter frees it for others.
  await carol.page.keyboard.press('q');
  await expect(carol.page.getByRole('heading', { name: 'Izvēlieties savu logu' })).toBeVisible();
  await expect(anna.otherCounter('c3')).toContainText('closed');
  await carol.close();
});

test('a wrong password is refused with a clear message and no session', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${branch.url}/counter/`);
  await page.getByLabel('Username').fill(ANNA.username);
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await expect(page.getByRole('heading', { name: 'Counter sign-in' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.context().close();
});

test('a session ended elsewhere takes the teller back to sign-in, saying why', async ({ browser }) => {
  await branch.createUser('erik', 'erik-password', 'teller', 'Ēriks Kalns');
  const erik = await CounterPage.open(browser, branch.url, { username: 'erik', password: 'erik-password' });
  const token = await erik.page.evaluate(() => sessionStorage.getItem('rinda.counter.session') ?? '');
  expect(token.length).toBeGreaterThan(16);
  expect(erik.page.url()).not.toContain(token);

  // Signing the session out on the server (as a manager revoking it would) closes the teller's connection.
  const loggedOut = await branch.http('/api/auth/logout', { method: 'POST', token });
  expect(loggedOut.ok).toBe(true);
  await expect(erik.page.getByText('Your session has ended. Sign in again.')).toBeVisible();
  await expect(erik.page.getByRole('heading', { name: 'Counter sign-in' })).toBeVisible();
  expect(await erik.page.evaluate(() => sessionStorage.length)).toBe(0);
  await erik.close();
});

test("a kiosk printer's paper running low, then out, shows on the counter screen at once, and goes when it is fixed", async () => {
  const { id } = branch.enrolDevice('kiosk', 'Entrance kiosk', 'tcp://127.0.0.1:9100');
  const alerts = anna.page.getByRole('status', { name: 'Kiosk printers' });
  // The printing feature records health this way after each job and poll (apps/server/src/printing).
  branch.ctx.devices.setPrinterHealth(id, 'paper_near_end');
  await expect(alerts).toHaveText('Entrance kiosk: ticket paper is running low');
  branch.ctx.devices.setPrinterHealth(id, 'paper_out', 'the printer reported paper out after the ticket');
  await expect(alerts).toHaveText('Entrance kiosk: the ticket printer is out of paper');
  expect(await anna.accessibilityProblems()).toEqual([]);
  branch.ctx.devices.setPrinterHealth(id, 'ok');
  await expect(alerts).toHaveCount(0);
});

test('in every staff language the counter screen, with a customer called, has no serious or critical axe violation', async () => {
  const number = await issue('cash');
  // The key calls only once the screen knows someone waits (the kiosk's ack can come before the teller's broadcast).
  await expect(anna.action('callNext')).toBeEnabled();
  await anna.page.keyboard.press('n');
  await expect(anna.currentNumber()).toHaveText(number);
  const languages = anna.page.locator('.language-switch select');
  for (const language of ['lv', 'lt', 'pl', 'en'] as const) {
    await languages.selectOption(language);
    await expect(anna.page.locator('html')).toHaveAttribute('lang', language);
    expect(await anna.accessibilityProblems(), language).toEqual([]);
  }
  await anna.page.keyboard.press('f');
  await expect(anna.currentNumber()).toHaveCount(0);
});
