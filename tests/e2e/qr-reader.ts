import type { Page } from '@playwright/test';

/** A USB QR reader's pace (its inter-character delay): well within the kiosk's scan rule (scan-recogniser.ts). */
export const READER_MS_PER_KEY = 8;

/**
 * Types `text` and Enter into the page as a keyboard whose keys are pressed `msPerKey` apart: the kiosk's QR reader
 * (a keyboard wedge) by default, a person with a larger gap. Each key carries the time it was pressed, as the system
 * stamps a USB reader's keys, and the kiosk judges a scan by those stamps: so a busy test machine, slow to deliver
 * the keys, cannot make a reader look like a person.
 */
export async function typeAtPace(page: Page, text: string, msPerKey = READER_MS_PER_KEY): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const at = (i: number) => start + (i * msPerKey) / 1000;
  const keys = [...text].map((ch) => ({ key: ch, text: ch, unmodifiedText: ch }));
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' };
  for (const [i, key] of [...keys, enter].entries()) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp: at(i) });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, timestamp: at(i) + 0.001 });
  }
  await cdp.detach();
}
