import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** The teller's counter app as a test drives it: by the labels and keys a teller uses. */
export class CounterPage {
  private constructor(readonly page: Page) {}

  /**
   * A teller in their own browser context (own sessionStorage), signed in and, when given, at a counter.
   * `prepare` runs before the app loads (init scripts, WebSocket routes).
   */
  static async open(
    browser: Browser,
    url: string,
    teller: { username: string; password: string },
    counterName?: string,
    prepare?: (page: Page) => Promise<unknown>,
  ) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await prepare?.(page);
    const counter = new CounterPage(page);
    await page.goto(`${url}/counter/`);
    await counter.signIn(teller.username, teller.password);
    if (counterName) await counter.chooseCounter(counterName);
    return counter;
  }

  /** A page model over a page the test opened itself. */
  static attach(page: Page) {
    return new CounterPage(page);
  }

  /** Fills and sends the sign-in form, whatever comes next. */
  async fillSignIn(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signIn(username: string, password: string) {
    await this.fillSignIn(username, password);
    await expect(this.page.getByRole('heading', { name: 'Choose your counter' })).toBeVisible();
  }

  counterCard(counterName: string): Locator {
    return this.page.locator('.counter-card', { hasText: counterName });
  }

  async chooseCounter(counterName: string) {
    await this.counterCard(counterName).click();
    await expect(this.page.getByRole('heading', { name: counterName, level: 1 })).toBeVisible();
  }

  action(id: string): Locator {
    return this.page.locator(`button[data-action="${id}"]`);
  }

  currentNumber(): Locator {
    return this.page.getByTestId('current-number');
  }

  waitingCount(serviceId: string): Locator {
    return this.page.locator(`.queue-panel tr[data-service="${serviceId}"] .waiting-count`);
  }

  otherCounter(counterId: string): Locator {
    return this.page.locator(`.other-counter[data-counter="${counterId}"]`);
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  /** Picks a ticket by its number in the open call/reactivate dialog. */
  async pickTicket(displayNumber: string) {
    await this.page.locator(`button.pick[data-ticket="${displayNumber}"]`).click();
  }

  /** Serious or critical accessibility problems on the screen as it is now (axe-core). */
  async accessibilityProblems(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async close() {
    await this.page.context().close();
  }
}
