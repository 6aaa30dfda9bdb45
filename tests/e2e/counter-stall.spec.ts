// The counter when the network misbehaves. The teller's socket runs through a Playwright WebSocket route
// that forwards every frame between the page and the real server, and can hold the server's frames (a
// stalled reply) or cut the connection and refuse new ones (a network outage).
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { newRequestId } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { CounterPage } from './counter-page';

test.describe.configure({ mode: 'serial' });

class SocketLine {
  /** While true, frames from the server are held back, not delivered. */
  stalled = false;
  /** While true, new connections are closed at once. */
  refusing = false;
  readonly fromPage: string[] = [];
  private held: (() => void)[] = [];
  private open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];

  async attach(page: Page) {
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (this.refusing) return void ws.close();
      const server = ws.connectToServer();
      this.open.push({ page: ws, server });
      ws.onMessage((frame) => {
        this.fromPage.push(String(frame));
        server.send(frame);
      });
      server.onMessage((frame) => {
        if (this.stalled) this.held.push(() => ws.send(frame));
        else ws.send(frame);
      });
    });
  }

  /** Frames the page sent for one command (socket.io encodes the event name in each). */
  sent(command: string): number {
    return this.fromPage.filter((f) => f.includes(`"${command}"`)).length;
  }

  release() {
    this.stalled = false;
    for (const deliver of this.held.splice(0)) deliver();
  }

  async cut() {
    for (const { page, server } of this.open.splice(0)) {
      await server.close();
      await page.close();
    }
  }
}

let branch: Branch;
let kiosk: BranchSocket;
let teller: CounterPage;
const line = new SocketLine();

async function issue(): Promise<string> {
  const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en', priorityReasonId: null });
  if (!issued.ok) throw new Error(`issue failed: ${issued.error.message}`);
  return issued.data.ticket.displayNumber;
}

test.beforeAll(async ({ browser }) => {
  // The counter needs only the core server (auth, commands, broadcasts); speech, printing, reports and
  // admin are tested in their own specs.
  branch = await startBranch({ features: [] });
  await branch.createUser('dana', 'dana-password', 'teller', 'Dana Krūmiņa');
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  teller = await CounterPage.open(browser, branch.url, { username: 'dana', password: 'dana-password' }, 'Counter 2', (page) => line.attach(page));
});

test.afterAll(async () => {
  await teller?.close();
  await branch?.stop();
});

test('a stalled server reply shows a clear error and gives the buttons back; one click sent one command', async () => {
  const number = await issue();
  await expect(teller.waitingCount('cash')).toHaveText('1');

  line.stalled = true;
  const callNext = teller.action('callNext');
  await callNext.click();
  await expect(callNext).toHaveAttribute('aria-busy', 'true');
  await expect(callNext).toContainText('Sending…');
  await expect(callNext).toBeDisabled();
  await expect(teller.action('pause')).toBeDisabled();
  // A second press while the first waits sends nothing.
  await teller.page.keyboard.press('n');

  await expect(teller.alert()).toContainText('The server did not answer in time');
  await expect(callNext).toHaveAttribute('aria-busy', 'false');
  await expect(callNext).toBeEnabled();
  await expect(teller.action('pause')).toBeEnabled();
  expect(line.sent('ticket:callNext')).toBe(1);

  // The server did handle the call; once its frames flow again the screen shows the customer.
  line.release();
  await expect(teller.currentNumber()).toHaveText(number);
  const state = branch.ctx.state();
  const held = state.counters['c2']?.activeTicketId;
  expect(held ? state.tickets.get(held)?.displayNumber : null).toBe(number);

  await teller.alert().getByRole('button').click();
  await expect(teller.alert()).toHaveCount(0);
  await teller.action('finish').click();
  await expect(teller.currentNumber()).toHaveCount(0);
});

test('after a connection loss the screen is rebuilt from the snapshot, with what happened meanwhile', async () => {
  await expect(teller.waitingCount('cash')).toHaveText('0');
  line.refusing = true;
  await line.cut();
  await expect(teller.page.getByText('Offline')).toBeVisible();
  await expect(teller.action('pause')).toBeDisabled();

  // Tickets issued while the teller is away reach the screen only through the next snapshot.
  const missed = [await issue(), await issue()];
  line.refusing = false;

  await expect(teller.page.getByText('Connected')).toBeVisible({ timeout: 15_000 });
  await expect(teller.waitingCount('cash')).toHaveText('2');
  await expect(teller.page.getByTestId('next-in-line')).toContainText(missed[0]!);
  await expect(teller.action('callNext')).toBeEnabled();
  await teller.action('callNext').click();
  await expect(teller.currentNumber()).toHaveText(missed[0]!);
});
