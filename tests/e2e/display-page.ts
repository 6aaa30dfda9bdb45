/**
 * Page model of the lobby display for display*.spec.ts: a real branch with two tellers signed in,
 * calls made through the protocol, and the display's play log read from the page.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { newRequestId, type BranchConfig, type CustomerLanguage } from '@rinda/shared';
import { startBranch, type Branch, type BranchSocket, type StartBranchOptions } from '../support/start-branch';
import type { PlayLogEntry } from '../../apps/display/src/announcements/play-queue';

export type { PlayLogEntry };

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };
export const UHD = { width: 3840, height: 2160 };
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface DisplayBranch {
  branch: Branch;
  displayToken: string;
  /** Where a browser display starts: the token travels in the fragment, never in a query string. */
  displayUrl: string;
  /** Issues a ticket at the kiosk in the customer's language; returns its number. */
  issue(language?: CustomerLanguage): Promise<string>;
  /** A customer takes a ticket; the teller at counter c<n> finishes whatever they hold and calls the next; returns the number called. */
  callNext(counter: 1 | 2): Promise<string>;
  /** The teller at counter c<n> calls their customer again. */
  recall(counter: 1 | 2): Promise<void>;
  /** Changes the branch's display settings as a manager would (a `config:changed` broadcast follows). */
  setDisplaySettings(settings: Partial<BranchConfig['display']>): void;
  /** After a server restart: the same tellers sign in again with fresh sockets. */
  reconnectTellers(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDisplayBranch(options: StartBranchOptions = {}): Promise<DisplayBranch> {
  const branch = await startBranch(options);
  const displayToken = await branch.deviceToken('display');
  const kioskToken = await branch.deviceToken('kiosk');
  let kiosk: BranchSocket;
  const tellers = new Map<number, BranchSocket>();
  const names = { 1: 'anna', 2: 'janis' } as const;
  await branch.createUser(names[1], 'secret', 'teller');
  await branch.createUser(names[2], 'secret', 'teller');

  async function connectAll(signIn: boolean) {
    kiosk = await branch.connect({ token: kioskToken });
    for (const n of [1, 2] as const) {
      const teller = await branch.connect({ token: await branch.login(names[n], 'secret') });
      tellers.set(n, teller);
      if (signIn) expectOk(await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: `c${n}` }));
    }
  }
  await connectAll(true);

  async function issue(language: CustomerLanguage): Promise<string> {
    const issued = expectOk(await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language }));
    return issued.ticket.displayNumber;
  }

  return {
    branch,
    displayToken,
    displayUrl: `${branch.url}/display/#token=${displayToken}`,
    issue: (language = 'lv') => issue(language),
    async callNext(counter) {
      const teller = tellers.get(counter)!;
      const counterId = `c${counter}`;
      await issue('lv');
      if (branch.ctx.state().counters[counterId]?.activeTicketId) expectOk(await branch.request(teller, 'ticket:finish', { requestId: newRequestId(), counterId }));
      return expectOk(await branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId })).ticket.displayNumber;
    },
    async recall(counter) {
      expectOk(await branch.request(tellers.get(counter)!, 'ticket:recall', { requestId: newRequestId(), counterId: `c${counter}` }));
    },
    setDisplaySettings(settings) {
      const config = branch.ctx.config();
      expectOk(branch.ctx.setConfig({ ...config, display: { ...config.display, ...settings } }));
    },
    reconnectTellers: () => connectAll(false),
    stop: () => branch.stop(),
  };
}

function expectOk<T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export class DisplayPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('display')).toHaveAttribute('data-status', 'online');
  }

  /** The big rows, top to bottom, as "A001 → 1". */
  currentCalls() {
    return this.page.getByTestId('current-call');
  }

  historyCalls() {
    return this.page.getByTestId('history-call');
  }

  offlineMark() {
    return this.page.getByTestId('offline-mark');
  }

  soundBanner() {
    return this.page.getByTestId('sound-banner');
  }

  status() {
    return this.page.getByTestId('display').getAttribute('data-status');
  }

  playLog(): Promise<PlayLogEntry[]> {
    return this.page.evaluate(() => (window as unknown as { __rindaPlayLog?: PlayLogEntry[] }).__rindaPlayLog ?? []);
  }

  /**
   * Waits until the play queue has played this many clips of the call with that number (chime + phrases). Checked
   * in the page at every frame, so it returns as the clip ends rather than at the next poll of the test.
   */
  async waitForAnnounced(displayNumber: string, clips: number, timeout = 60_000): Promise<void> {
    await this.page.waitForFunction(
      ([number, count]) => ((window as unknown as { __rindaPlayLog?: PlayLogEntry[] }).__rindaPlayLog ?? []).filter((e) => e.displayNumber === number).length >= count,
      [displayNumber, clips] as const,
      { timeout },
    );
  }

  /** Waits until a full sentence of that call in that language has been played (the end of a whole announcement). */
  async waitForPhrase(displayNumber: string, language: CustomerLanguage, timeout = 60_000): Promise<void> {
    await this.page.waitForFunction(
      ([number, lng]) =>
        ((window as unknown as { __rindaPlayLog?: PlayLogEntry[] }).__rindaPlayLog ?? []).some((e) => e.displayNumber === number && e.kind === 'phrase' && e.language === lng),
      [displayNumber, language] as const,
      { timeout },
    );
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  }
}
