// The kiosk inside the Electron shell: the shell's preload API (window.rindaShell) is present and the
// kiosk device has no printer at the server, so the kiosk checks and prints through the shell. The
// Electron binary cannot run here; the page gets a stand-in ShellApi that records what it is asked.
import { expect, test, type Page } from '@playwright/test';
import { KioskPage, PORTRAIT, startKioskBranch, ticketsOf, type KioskBranch } from './kiosk-page';

let env: KioskBranch;
let shellKioskUrl: string;
test.beforeAll(async () => {
  env = await startKioskBranch();
  const device = env.branch.enrolDevice('kiosk', 'Shell kiosk', null);
  shellKioskUrl = `${env.branch.url}/kiosk/#token=${device.token}`;
});
test.afterAll(async () => {
  await env?.stop();
});
test.use({ viewport: PORTRAIT });

interface ShellLog {
  statusChecks: number;
  printed: { number: string; branchName: string; serverPrint: string }[];
}

async function withShell(page: Page, health: string) {
  await page.addInitScript((printerHealth) => {
    const log: ShellLog = { statusChecks: 0, printed: [] };
    Object.assign(window, {
      shellLog: log,
      rindaShell: {
        deviceInfo: async () => ({ role: 'kiosk', serverUrl: location.origin, version: 'test', hasPrinter: true }),
        printerStatus: async () => {
          log.statusChecks += 1;
          return printerHealth;
        },
        printTicket: async (issued: { ticket: { displayNumber: string }; print: { status: string } }, branch: { branch: { name: string } }) => {
          log.printed.push({ number: issued.ticket.displayNumber, branchName: branch.branch.name, serverPrint: issued.print.status });
          return { ok: true };
        },
      },
    });
  }, health);
}
const shellLog = (page: Page) => page.evaluate(() => (window as unknown as { shellLog: ShellLog }).shellLog);

test('in the shell the kiosk checks its own printer, then prints the acknowledged ticket through the shell', async ({ page }) => {
  await withShell(page, 'ok');
  const kiosk = new KioskPage(page);
  const printedByServer = env.printer.tickets().length;
  await kiosk.open(shellKioskUrl);
  await kiosk.languageButton('English').click();
  await kiosk.serviceButton('Business clients').click();

  await expect(kiosk.ticketNumber()).toHaveText(/^D\d{3}$/);
  await expect(page.getByText('Please take your ticket')).toBeVisible();
  const shown = await kiosk.ticketNumber().innerText();
  expect(ticketsOf(env.branch, 'business').map((t) => t.displayNumber)).toContain(shown);
  expect(await shellLog(page)).toEqual({
    statusChecks: 1,
    printed: [{ number: shown, branchName: env.branch.ctx.config().branch.name, serverPrint: 'by-device' }],
  });
  expect(env.printer.tickets()).toHaveLength(printedByServer);
});

test('in the shell a printer out of paper means "please ask staff", and the server is not asked for a number', async ({ page }) => {
  await withShell(page, 'paper_out');
  const kiosk = new KioskPage(page);
  const before = env.branch.ctx.state().tickets.size;
  await kiosk.open(shellKioskUrl);
  await kiosk.languageButton('English').click();
  await kiosk.serviceButton('Business clients').click();

  await expect(kiosk.refusal()).toHaveText('The ticket printer is not available right now. Please ask staff for help.');
  await expect(kiosk.ticketNumber()).toHaveCount(0);
  expect(env.branch.ctx.state().tickets.size).toBe(before);
  expect(await shellLog(page)).toEqual({ statusChecks: 1, printed: [] });
});
