/**
 * Page model of the kiosk and the ticket status page for the kiosk*.spec.ts and status*.spec.ts files:
 * the branch and printer they run against, the screens as a customer reaches them, screenshots and axe scans.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { BranchConfig, Ticket } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { startBranch, type Branch } from '../support/start-branch';
import { createTicketPrinting } from '@rinda/server';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PHONE = { width: 360, height: 740 };

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface KioskBranch {
  branch: Branch;
  printer: VirtualPrinter;
  /** A kiosk enrolled to print through the server on the virtual printer. */
  kiosk: { id: string; token: string };
  /** Where a browser kiosk starts: the token travels in the fragment, never in a query string. */
  kioskUrl: string;
  stop(): Promise<void>;
}

export interface KioskBranchOptions {
  /** Fault injection: runs after a number was issued, before the server prints it (and acks); may hold the print. */
  beforePrint?: (printer: VirtualPrinter) => void | Promise<void>;
  /** HTTPS and WSS with the server's own certificate (startBranch's `tls`). */
  tls?: boolean;
  /** The branch configuration (startBranch's `config`). */
  config?: BranchConfig;
  /** The server's clock starts here and moves only by `branch.clock` (startBranch's `clock: 'manual'`). */
  startAt?: number;
}

/** A real branch server (temporary SQLite) whose kiosk prints through the server to a real virtual printer. */
export async function startKioskBranch(options: KioskBranchOptions = {}): Promise<KioskBranch> {
  const printer = await startVirtualPrinter({ port: 0, httpPort: 0 });
  const branch = await startBranch({
    tls: options.tls,
    config: options.config,
    ...(options.startAt === undefined ? {} : { clock: 'manual' as const, startAt: options.startAt }),
    printing: (ctx) => {
      const real = createTicketPrinting(ctx, { statusTimeoutMs: 1000 });
      const { beforePrint } = options;
      if (!beforePrint) return real;
      return {
        ...real,
        settle: async (issued, config, settleOptions) => {
          // A fresh print only: a replay reads the job the first print left.
          if (!settleOptions.checkFirst) await beforePrint(printer);
          return real.settle(issued, config, settleOptions);
        },
      };
    },
  });
  const kiosk = branch.enrolDevice('kiosk', 'Entrance kiosk', printer.printerUrl);
  return {
    branch,
    printer,
    kiosk,
    kioskUrl: `${branch.url}/kiosk/#token=${kiosk.token}`,
    async stop() {
      await branch.stop();
      await printer.close();
    },
  };
}

/** Tickets the server holds for a service right now (the truth the kiosk must agree with). */
export function ticketsOf(branch: Branch, serviceId: string): Ticket[] {
  return branch.ctx.state().tickets.values().filter((t) => t.serviceId === serviceId);
}

export class KioskPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.languageButton('Latviešu')).toBeVisible();
  }

  languageButton(ownName: string) {
    return this.page.getByRole('button', { name: ownName, exact: true });
  }

  /** An open service is a button named by its localised name (and its queue figures). */
  serviceButton(name: string) {
    return this.page.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  button(name: string | RegExp) {
    return this.page.getByRole('button', { name });
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  ticketNumber() {
    return this.page.getByTestId('ticket-number');
  }

  refusal() {
    return this.page.getByTestId('refused-message');
  }

  outOfService() {
    return this.page.getByTestId('out-of-service');
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}

/** The European Accessibility Act check: axe finds no serious or critical violation on this screen. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** HH:MM of a moment in the branch's zone, 24-hour, as any ticket in the region shows it. */
export function clockTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * EN 301 549 (§ 8.3.3, after ISO 21542): an unobstructed forward reach up to 1220 mm above the floor. A portrait
 * kiosk's 1080 × 1920 screen (about 700 mm tall) with its lower edge at about 800 mm puts 1220 mm at 40 % of the
 * screen's height from its top: every control must start below that line (docs/OPERATIONS.md, "Kiosk accessibility").
 */
export const REACH_TOP_FRACTION = 0.4;

/** Every visible control of the screen lies in the lower part of a portrait screen, within reach. */
export async function expectControlsWithinReach(page: Page, screen: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const out = await page.locator('button:visible, a:visible, input:visible, select:visible').evaluateAll(
    (els, line) =>
      els.flatMap((el) => {
        const box = el.getBoundingClientRect();
        return box.top < line ? [`"${(el as HTMLElement).innerText.trim()}" starts at ${Math.round(box.top)} px`] : [];
      }),
    viewport.height * REACH_TOP_FRACTION,
  );
  expect(out, `${screen}: controls above ${Math.round(viewport.height * REACH_TOP_FRACTION)} px (out of reach)`).toEqual([]);
}
