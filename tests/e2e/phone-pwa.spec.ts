// The status page as an installable app (PWA) in Chromium against a real branch server: its manifest is served
// and valid, its service worker registers with the phone pages' scope only, caches static files and never ticket
// data, and shows the page's alerts as notifications (how an installed app or a mobile browser shows them).
import { expect, test } from '@playwright/test';
import { newRequestId, PhoneManifest } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { PHONE } from './kiosk-page';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

let branch: Branch;
let kiosk: BranchSocket;

test.beforeAll(async () => {
  branch = await startBranch();
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
});
test.afterAll(async () => {
  await branch?.stop();
});

async function issue(language: 'lv' | 'en'): Promise<string> {
  const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language });
  if (!issued.ok) throw new Error(issued.error.message);
  return issued.data.ticket.id;
}

test("serves a valid manifest for the ticket's page, named in its language, opening that page, scoped to /t/", async ({ page }) => {
  const id = await issue('lv');
  await page.goto(`${branch.url}/t/${id}`);
  await expect(page.getByTestId('status-number')).toBeVisible();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe(`/t/${id}/manifest.webmanifest?lang=lv`);
  const reply = await page.request.get(`${branch.url}${href}`);
  expect(reply.status()).toBe(200);
  expect(reply.headers()['content-type']).toContain('application/manifest+json');
  const manifest = PhoneManifest.parse(await reply.json());
  expect(manifest).toMatchObject({ name: 'Mana biļete', lang: 'lv', start_url: `/t/${id}`, scope: '/t/', display: 'standalone' });
  for (const icon of manifest.icons) expect((await page.request.get(`${branch.url}${icon.src}`)).status()).toBe(200);

  expect((await page.request.get(`${branch.url}/t/${id}/manifest.webmanifest?lang=de`)).status()).toBe(400);
  expect((await page.request.get(`${branch.url}/t/short/manifest.webmanifest`)).status()).toBe(400);
});

test('registers its service worker for the phone pages only; it caches static files and never ticket data', async ({ page }) => {
  const id = await issue('en');
  await page.goto(`${branch.url}/t/${id}`);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${branch.url}/t/`);
  // A second visit is controlled by it (its static files from the cache), and still shows the live ticket.
  await page.reload();
  await expect(page.getByTestId('status-number')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached.length).toBeGreaterThan(0);
  for (const path of cached) expect(path).toMatch(/^\/kiosk\/(assets\/|favicon\.svg$)/);

  // Outside its scope it controls nothing: the kiosk app is not under /t/.
  const other = await page.context().newPage();
  await other.goto(`${branch.url}/join/`);
  expect(await other.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
});

test("shows the call as a notification through the service worker once the customer allowed notifications", async ({ page, context }) => {
  await context.grantPermissions(['notifications'], { origin: branch.url });
  const id = await issue('en');
  await page.goto(`${branch.url}/t/${id}`);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.getByTestId('status-number')).toBeVisible();
  const teller = await branch.connect({ token: await branch.userToken('teller', 'pwa-teller') });
  await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' });
  expect((await branch.request(teller, 'ticket:call', { requestId: newRequestId(), counterId: 'c2', ticketId: id })).ok).toBe(true);
  await expect
    .poll(async () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.title)))
    .toContain('It is your turn');
});
