// The whole branch over HTTPS, as a real branch runs by default: kiosk, counter, display and manager in
// Chromium, every page and WebSocket over TLS with the server's own self-signed certificate.
//
// How Chromium trusts it: `--ignore-certificate-errors-spki-list` with the SHA-256 of this certificate's public
// key, not `ignoreHTTPSErrors`. The flag makes Chromium accept exactly this server's key, as a device that
// pinned it does, while every other certificate stays refused; `ignoreHTTPSErrors` would accept any
// certificate at all, so the test would pass against a server presenting the wrong one. Chromium honours the
// flag only with a user data directory, which Playwright always gives it.
import { createHash, X509Certificate } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { CounterPage } from './counter-page';
import { DisplayPage } from './display-page';
import { KioskPage, PORTRAIT, startKioskBranch, type KioskBranch } from './kiosk-page';
import { ManagerPage } from './manager-page';

const ANNA = { username: 'anna', password: 'anna-long-password', name: 'Anna Bērziņa' };
const MARIA = { username: 'maria', password: 'maria-long-password' };

/** What the Chromium flag takes: base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo. */
function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

let env: KioskBranch;
test.beforeAll(async () => {
  env = await startKioskBranch({ tls: true });
  await env.branch.createUser(ANNA.username, ANNA.password, 'teller', ANNA.name);
  await env.branch.createUser(MARIA.username, MARIA.password, 'manager');
});
test.afterAll(async () => {
  await env?.stop();
});

test('over HTTPS and WSS: a customer takes a ticket at the kiosk, a teller calls it, the display shows it', async ({ playwright, launchOptions }) => {
  const certificate = env.branch.certificate!;
  const browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${spkiHash(certificate.cert)}`] });
  try {
    const url = env.branch.url;
    expect(url).toMatch(/^https:\/\//);
    const sockets: string[] = [];

    const displayContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const displayTab = await displayContext.newPage();
    displayTab.on('websocket', (ws) => sockets.push(ws.url()));
    const display = new DisplayPage(displayTab);
    await display.open(`${url}/display/#token=${await env.branch.deviceToken('display')}`);

    const kioskContext = await browser.newContext({ viewport: PORTRAIT });
    const kioskTab = await kioskContext.newPage();
    kioskTab.on('websocket', (ws) => sockets.push(ws.url()));
    const kiosk = new KioskPage(kioskTab);
    await kiosk.open(env.kioskUrl);
    await kiosk.languageButton('English').click();
    await kiosk.serviceButton('Business clients').click();
    await expect(kiosk.ticketNumber()).toHaveText(/^D\d{3}$/);
    const number = await kiosk.ticketNumber().innerText();

    const counter = await CounterPage.open(browser, url, ANNA, 'Counter 4');
    await expect(counter.action('callNext')).toBeEnabled();
    await counter.action('callNext').click();
    await expect(counter.currentNumber()).toHaveText(number);

    await expect(display.currentCalls().first()).toContainText(number);
    await expect(display.currentCalls().first()).toContainText('4');

    // Every page and socket went over TLS: the app pages are https, their sockets wss.
    expect(kioskTab.url()).toMatch(/^https:/);
    expect(counter.page.url()).toMatch(/^https:/);
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((s) => s.startsWith('wss://'))).toBe(true);

    // The manager reads the fingerprint a technician copies into a kiosk's shell.json.
    const manager = await ManagerPage.open(browser, url, MARIA.username, MARIA.password);
    await manager.section('Devices');
    await expect(manager.page.getByTestId('server-fingerprint')).toHaveText(certificate.fingerprint);
    await expect(manager.page.getByText('made by the server itself')).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('a browser that was not told this certificate refuses the branch', async ({ playwright, launchOptions }) => {
  const browser = await playwright.chromium.launch(launchOptions);
  try {
    const page = await browser.newPage();
    await expect(page.goto(`${env.branch.url}/kiosk/`)).rejects.toThrow(/ERR_CERT/);
  } finally {
    await browser.close();
  }
});
