// Every page the branch server serves has its own title and an SVG favicon served from its own app under
// the server's Content Security Policy. The pages are read as the server sends them (no script runs), so the
// check is of the HTML every browser tab, bookmark and task switcher first shows.
import { expect, test } from '@playwright/test';
import { startBranch, type Branch } from '../support/start-branch';

let branch: Branch;
test.beforeAll(async () => {
  branch = await startBranch();
});
test.afterAll(async () => {
  await branch?.stop();
});
test.use({ javaScriptEnabled: false });

const PAGES = [
  { path: '/kiosk/', title: 'Rinda — Kiosk', icon: '/kiosk/favicon.svg' },
  { path: '/t/00000000-0000-0000-0000-000000000000', title: 'Rinda — Ticket', icon: '/kiosk/favicon.svg' },
  { path: '/join/', title: 'Rinda — Join', icon: '/kiosk/favicon.svg' },
  { path: '/kiosk/rating.html', title: 'Rinda — Rating', icon: '/kiosk/favicon.svg' },
  { path: '/counter/', title: 'Rinda — Counter', icon: '/counter/favicon.svg' },
  { path: '/display/', title: 'Rinda — Display', icon: '/display/favicon.svg' },
  { path: '/manager/', title: 'Rinda — Manager', icon: '/manager/favicon.svg' },
];

test('each page has its own title and an SVG favicon the server serves under its CSP', async ({ page }) => {
  for (const { path, title, icon } of PAGES) {
    const response = await page.goto(branch.url + path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()['content-security-policy'], path).toContain("img-src 'self'");
    await expect(page, path).toHaveTitle(title);
    const link = page.locator('head link[rel="icon"]');
    await expect(link, path).toHaveCount(1);
    await expect(link, path).toHaveAttribute('type', 'image/svg+xml');
    await expect(link, path).toHaveAttribute('href', icon);
    const svg = await page.request.get(branch.url + icon);
    expect(svg.status(), icon).toBe(200);
    expect(svg.headers()['content-type'], icon).toMatch(/^image\/svg\+xml/);
    expect(await svg.text(), icon).toContain('<svg');
  }
  expect(new Set(PAGES.map((p) => p.title)).size).toBe(PAGES.length);
});
