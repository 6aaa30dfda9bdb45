import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** The manager app in its own browser context: sign-in and the top-level sections. */
export class ManagerPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, username: string, password: string): Promise<ManagerPage> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${url}/manager/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    return new ManagerPage(page);
  }

  async section(name: 'Monitor' | 'Reports' | 'Staffing' | 'Appointments' | 'Configuration' | 'Users' | 'Devices' | 'Audit log'): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  }

  /** Serious or critical accessibility problems on the screen as it is now (axe-core). */
  async accessibilityProblems(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
