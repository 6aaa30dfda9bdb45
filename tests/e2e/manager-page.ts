import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** The manager app in its own browser context: sign-in and the top-level sections. */
export class ManagerPage {
  private constructor(readonly page: Page) {}

  /** The sign-in screen, not signed in yet. */
  static async signInScreen(browser: Browser, url: string): Promise<ManagerPage> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${url}/manager/`);
    await expect(page.getByLabel('Username')).toBeVisible();
    return new ManagerPage(page);
  }

  static async open(browser: Browser, url: string, username: string, password: string): Promise<ManagerPage> {
    const { page } = await ManagerPage.signInScreen(browser, url);
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

  /** Every table on screen: where it ends (px from the left) and whether its scroll box has more than it shows. */
  tableSizes(): Promise<{ name: string; right: number; scrollWidth: number; clientWidth: number }[]> {
    return this.page.locator('table').evaluateAll((tables) =>
      tables.map((t) => {
        const box = t.parentElement?.classList.contains('scroll') ? t.parentElement : t;
        return {
          name: t.closest('[aria-label]')?.getAttribute('aria-label') ?? t.querySelector('th')?.textContent ?? 'table',
          right: t.getBoundingClientRect().right,
          scrollWidth: box.scrollWidth,
          clientWidth: box.clientWidth,
        };
      }),
    );
  }

  /** Each text of each chart, with its size in screen pixels (its font size times the scale the SVG is drawn at). */
  chartTextSizes(): Promise<{ text: string; px: number }[]> {
    return this.page.locator('.chart svg text').evaluateAll((texts) =>
      texts.map((el) => {
        const text = el as SVGTextElement;
        const scale = text.getScreenCTM()?.a ?? 1;
        return { text: text.textContent ?? '', px: parseFloat(getComputedStyle(text).fontSize) * scale };
      }),
    );
  }

  /** Headings that go down more than one level from the heading before them ("h1 → h3"). */
  skippedHeadingLevels(): Promise<string[]> {
    return this.page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => {
      const out: string[] = [];
      let previous = 0;
      for (const h of hs) {
        if (!(h as HTMLElement).offsetParent) continue;
        const level = Number(h.tagName.slice(1));
        if (level > previous + 1) out.push(`h${previous} → h${level} “${h.textContent ?? ''}”`);
        previous = level;
      }
      return out;
    });
  }

  /** Text in the matched cells broken across lines inside a word (a line ending with a letter and the next starting with one, in one word). */
  wordsBrokenInside(selector: string): Promise<string[]> {
    return this.page.locator(selector).evaluateAll((cells) => {
      const broken: string[] = [];
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          const range = document.createRange();
          let lastTop: number | null = null;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = range.getBoundingClientRect().top;
            if (lastTop !== null && top > lastTop + 2 && /\S/.test(text[i - 1] ?? ' ') && /\S/.test(text[i] ?? ' ')) broken.push(text.slice(Math.max(0, i - 12), i + 12));
            if (text[i] !== ' ') lastTop = top;
          }
        }
      }
      return broken;
    });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
