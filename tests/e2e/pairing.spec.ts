import { expect, test, type Page } from '@playwright/test';
import { startBranch, type Branch } from '../support/start-branch';
import { expectNoSeriousViolations } from './kiosk-page';
import { ManagerPage } from './manager-page';

let branch: Branch;
let managerToken: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  branch = await startBranch();
  managerToken = await branch.userToken('manager', 'maria');
});
test.afterAll(async () => {
  await branch?.stop();
});

/** Anything the Content-Security-Policy blocked shows up as a console error. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) found.push(msg.text());
  });
  return found;
}

for (const kind of ['kiosk', 'display'] as const) {
  test(`a ${kind} without a token shows a pairing code, and works once a manager enters it`, async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto(`${branch.url}/${kind}/`);
    const code = page.getByTestId('pairing-code');
    await expect(code).toHaveText(/^[A-Z2-9]{4} [A-Z2-9]{4}$/);
    const typed = (await code.textContent())!.replace(' ', '');
    await expectNoSeriousViolations(page, `${kind} pairing`);

    const res = await branch.http('/api/admin/devices/pair', { body: { code: typed, name: `Paired ${kind}` }, token: managerToken });
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: { id: string } };

    // The device collects its token, reloads, and connects with it; the token is kept, not in the address bar.
    await expect(code).toBeHidden({ timeout: 15_000 });
    await expect.poll(() => branch.ctx.devices.list().find((d) => d.id === device.id)?.connected).toBe(true);
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate((k) => localStorage.getItem(`rinda.${k}.deviceToken`), kind)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(violations).toEqual([]);
  });
}

test("the kiosk's pairing screen names the manager app's Devices tab and pairing form exactly as the manager app shows them", async ({ browser, page }) => {
  // The manager app in Latvian (the kiosk's language before it knows its branch).
  const manager = await ManagerPage.open(browser, branch.url, 'maria', 'secret');
  await manager.page.getByRole('combobox').first().selectOption('lv');
  const tabs = manager.page.getByRole('navigation').getByRole('button');
  const devicesTab = (await tabs.allInnerTexts()).map((name) => name.trim()).find((name) => /ierīc/i.test(name));
  expect(devicesTab).toBeDefined();
  await tabs.filter({ hasText: devicesTab! }).click();
  const pairForm = manager.page.locator('form').filter({ has: manager.page.getByRole('heading', { level: 3 }) }).last();
  const pairName = (await pairForm.getByRole('heading', { level: 3 }).innerText()).trim();
  await expect(manager.page.getByRole('form', { name: pairName })).toBeVisible();
  await manager.close();

  await page.goto(`${branch.url}/kiosk/`);
  await expect(page.getByTestId('pairing-code')).toBeVisible();
  const instructions = page.locator('.pairing-screen p').first();
  await expect(instructions).toContainText(`“${devicesTab}”`);
  await expect(instructions).toContainText(`“${pairName}”`);
});

test('the counter and manager apps load under the Content-Security-Policy without violations', async ({ page }) => {
  const violations = cspViolations(page);
  for (const app of ['counter', 'manager']) {
    const response = await page.goto(`${branch.url}/${app}/`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
});
