import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Page } from '@playwright/test';
import { DEFAULT_ANNOUNCEMENT_POLICY } from '@rinda/shared';
import { DisplayPage, LANDSCAPE, PORTRAIT, UHD, startDisplayBranch, type DisplayBranch, type PlayLogEntry } from './display-page';

// The demo branch announces in Latvian then English; a Latvian customer's call is a chime and two phrases.
const CLIPS_PER_CALL = 3;
let env: DisplayBranch;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  env = await startDisplayBranch();
});
test.afterAll(async () => {
  await env?.stop();
});
test.use({ viewport: LANDSCAPE });

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (opaque ones: the banner's are). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function clipsOf(log: PlayLogEntry[], displayNumber: string): PlayLogEntry[] {
  return log.filter((e) => e.displayNumber === displayNumber);
}

test('calls made by tellers appear on the display, newest first, each with its counter', async ({ page }) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  await display.open(env.displayUrl);
  expect(page.url(), 'the device token is kept, and gone from the address bar').not.toContain('token');

  const first = await env.callNext(1);
  await expect(display.currentCalls()).toHaveCount(1);
  // The flash starts with the call's announcement.
  await expect(display.currentCalls().first()).toHaveAttribute('data-announcing', 'true');
  await display.screenshot('display-announcing-1920x1080');
  const second = await env.callNext(2);
  await expect(display.currentCalls()).toHaveCount(2);
  await expect(display.currentCalls().nth(0).getByTestId('call-number')).toHaveText(second);
  await expect(display.currentCalls().nth(0).getByTestId('call-counter')).toHaveText('2');
  await expect(display.currentCalls().nth(1).getByTestId('call-number')).toHaveText(first);
  await expect(display.currentCalls().nth(1).getByTestId('call-counter')).toHaveText('1');

  // Counter 1 moves on: its new call replaces the old one at the top, the old one goes to history.
  const third = await env.callNext(1);
  await expect(display.currentCalls().nth(0).getByTestId('call-number')).toHaveText(third);
  await expect(display.currentCalls().nth(0).getByTestId('call-counter')).toHaveText('1');
  await expect(display.historyCalls().first()).toContainText(first);
  // The newest call, with nothing behind it, ends its announcement with its English sentence.
  await display.waitForPhrase(third, 'en', 80_000);
});

test("a call flashes and chimes at once, while its phrases are still on the way, and is then heard whole", async ({ page }) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  // The server's answer with the phrases is held until the test lets it go: the flash and the chime must not wait for it.
  let asked!: () => void;
  const phrasesAsked = new Promise<void>((resolve) => (asked = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/announcements/*', async (route) => {
    asked();
    await released;
    await route.continue();
  });
  await display.open(env.displayUrl);

  const called = await env.callNext(1);
  await phrasesAsked;
  const row = display.currentCalls().first();
  await expect(row.getByTestId('call-number')).toHaveText(called);
  await expect(row).toHaveAttribute('data-announcing', 'true');
  await display.waitForAnnounced(called, 1);
  await expect(row, 'the call is still being announced: its phrases are awaited').toHaveAttribute('data-announcing', 'true');

  release();
  await display.waitForAnnounced(called, CLIPS_PER_CALL);
  expect(clipsOf(await display.playLog(), called).map((c) => [c.kind, c.language, c.outcome])).toEqual([
    ['chime', null, 'ended'],
    ['phrase', 'lv', 'ended'],
    ['phrase', 'en', 'ended'],
  ]);
});

test('two calls 100 ms apart: the first is said briefly while the second waits, the second follows without a chime of its own and is said whole', async ({ page }) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  await display.open(env.displayUrl);

  const first = await env.callNext(1);
  await page.waitForTimeout(100);
  const second = await env.callNext(2);
  await display.waitForPhrase(second, 'en');

  const log = await display.playLog();
  const a = clipsOf(log, first);
  const b = clipsOf(log, second);
  expect(a.map((c) => [c.kind, c.language, c.outcome])).toEqual([
    ['chime', null, 'ended'],
    ['brief', 'lv', 'ended'],
  ]);
  expect(b.map((c) => [c.kind, c.language, c.outcome])).toEqual([
    ['phrase', 'lv', 'ended'],
    ['phrase', 'en', 'ended'],
  ]);
  expect(a[0]!.counterNumber).toBe(1);
  expect(b[0]!.counterNumber).toBe(2);
  expect(b[0]!.startedAt, 'the second call starts only after the first has ended').toBeGreaterThanOrEqual(a.at(-1)!.endedAt);
  // Never two clips at once, anywhere in the log.
  for (let i = 1; i < log.length; i++) expect(log[i]!.startedAt).toBeGreaterThanOrEqual(log[i - 1]!.endedAt);
  await expect(display.currentCalls().first()).toHaveAttribute('data-call-id', b[0]!.callId);
});

test('with the announcement policy "whole", two calls 100 ms apart are both announced whole, in order, one after the other', async ({ page }) => {
  test.setTimeout(90_000);
  env.setDisplaySettings({ announcementPolicy: { whenCallsWait: 'whole', briefWhileWaiting: true } });
  try {
    const display = new DisplayPage(page);
    await display.open(env.displayUrl);
    const first = await env.callNext(1);
    await page.waitForTimeout(100);
    const second = await env.callNext(2);
    await display.waitForAnnounced(second, CLIPS_PER_CALL);

    const log = await display.playLog();
    const a = clipsOf(log, first);
    const b = clipsOf(log, second);
    for (const clips of [a, b]) {
      expect(clips.map((c) => [c.kind, c.language, c.outcome])).toEqual([
        ['chime', null, 'ended'],
        ['phrase', 'lv', 'ended'],
        ['phrase', 'en', 'ended'],
      ]);
    }
    expect(b[0]!.startedAt, 'the second call starts only after the first has ended').toBeGreaterThanOrEqual(a.at(-1)!.endedAt);
  } finally {
    env.setDisplaySettings({ announcementPolicy: DEFAULT_ANNOUNCEMENT_POLICY });
  }
});

test('a recall is announced again, as many times as the branch configures', async ({ page }) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  await display.open(env.displayUrl);
  const called = await env.callNext(1);
  await display.waitForAnnounced(called, CLIPS_PER_CALL);

  env.setDisplaySettings({ repeatCount: 2 });
  try {
    await env.recall(1);
    await display.waitForAnnounced(called, CLIPS_PER_CALL + 5);
    const clips = clipsOf(await display.playLog(), called);
    const recall = clips.slice(CLIPS_PER_CALL);
    expect(recall[0]!.callId, 'the recall is a call of its own').not.toBe(clips[0]!.callId);
    expect(recall.map((c) => [c.kind, c.language, c.outcome])).toEqual([
      ['chime', null, 'ended'],
      ['phrase', 'lv', 'ended'],
      ['phrase', 'en', 'ended'],
      ['phrase', 'lv', 'ended'],
      ['phrase', 'en', 'ended'],
    ]);
  } finally {
    env.setDisplaySettings({ repeatCount: 1 });
  }
});

test('after the server goes away the display shows an offline mark, and after it is back announces no old call again', async ({ page }) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  await display.open(env.displayUrl);
  const before = await env.callNext(1);
  await display.waitForAnnounced(before, CLIPS_PER_CALL);

  await env.branch.app.close();
  await expect(display.offlineMark()).toBeVisible();
  await env.branch.restart();
  await expect(page.getByTestId('display')).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
  await expect(display.offlineMark()).toHaveCount(0);
  await expect(display.currentCalls().first().getByTestId('call-number')).toHaveText(before);

  await env.reconnectTellers();
  const after = await env.callNext(2);
  await display.waitForAnnounced(after, CLIPS_PER_CALL);
  const log = await display.playLog();
  expect(clipsOf(log, before), 'the call made before the outage is announced once only').toHaveLength(CLIPS_PER_CALL);
  const chimes = log.filter((e) => e.kind === 'chime').map((e) => e.callId);
  expect(new Set(chimes).size, 'no call announced twice').toBe(chimes.length);
});

test('screenshots at 1080p, 4K and portrait, with no accessibility violations', async ({ browser }) => {
  // Two counters busy and one call in history, whatever ran before.
  for (const counter of [1, 2, 1] as const) await env.callNext(counter);
  for (const [name, viewport] of [
    ['display-1920x1080', LANDSCAPE],
    ['display-1080x1920', PORTRAIT],
    ['display-3840x2160', UHD],
  ] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const display = new DisplayPage(page);
    await display.open(env.displayUrl);
    await expect(display.currentCalls()).toHaveCount(2);
    await expect(display.historyCalls().first()).toBeVisible();
    await display.screenshot(name);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // The newest call's number is tall enough to read from across a hall: at least a tenth of the screen's height.
    const box = await display.currentCalls().first().getByTestId('call-number').boundingBox();
    expect(box!.height).toBeGreaterThan(Math.min(viewport.width, viewport.height) / 10);
    await context.close();
  }
});

/** A browser that, like a hall PC's kiosk browser, plays no sound before someone clicks the page. */
async function withStrictAutoplay(run: (page: Page) => Promise<void>) {
  const strict = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=document-user-activation-required'],
  });
  try {
    await run(await strict.newPage({ viewport: LANDSCAPE }));
  } finally {
    await strict.close();
  }
}

test('where the browser blocks sound, a banner asks for a click, and after it calls are heard', async () => {
  test.setTimeout(90_000);
  await withStrictAutoplay(async (page) => {
    const display = new DisplayPage(page);
    await display.open(env.displayUrl);
    await expect(display.soundBanner()).toBeVisible();
    await display.soundBanner().click();
    await expect(display.soundBanner()).toHaveCount(0);
    const called = await env.callNext(1);
    await display.waitForAnnounced(called, CLIPS_PER_CALL);
    expect(clipsOf(await display.playLog(), called).map((c) => c.outcome)).toEqual(['ended', 'ended', 'ended']);
  });
});

test('the sound-off banner is legible in both languages, draws its loudspeaker as SVG and covers no part of the board; second-language labels are at least 28 px at 1080p', async () => {
  await withStrictAutoplay(async (page) => {
    const display = new DisplayPage(page);
    await display.open(env.displayUrl);
    const banner = display.soundBanner();
    await expect(banner).toBeVisible();
    await display.screenshot('display-1080p-sound-banner');

    // Every line of text in the banner against the banner's own background: WCAG AA, at least 4.5:1.
    const lines = await banner.locator('[lang]').evaluateAll((els) => els.map((el) => ({ lang: el.getAttribute('lang'), color: getComputedStyle(el).color })));
    const background = await banner.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(lines.length).toBe(2);
    for (const line of lines) expect(contrast(line.color, background), `${line.lang} line ${line.color} on ${background}`).toBeGreaterThanOrEqual(4.5);

    // The icon is an SVG drawing; the banner's text holds no emoji (or any pictograph a font might lack).
    await expect(banner.locator('svg')).toHaveCount(1);
    expect(await banner.innerText()).not.toMatch(/\p{Extended_Pictographic}/u);

    // The waiting counts' strip stays whole above it.
    const strip = (await page.locator('footer.waiting').boundingBox())!;
    const box = (await banner.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(strip.y + strip.height - 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(LANDSCAPE.height + 0.5);

    const secondSizes = await page.locator('.bilingual .second').evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(secondSizes.length).toBeGreaterThan(0);
    for (const size of secondSizes) expect(size).toBeGreaterThanOrEqual(28);
  });
});

test('a screen whose token the server does not know shows no calls and offers a pairing code', async ({ page }) => {
  await page.goto(`${env.branch.url}/display/#token=${'x'.repeat(43)}`);
  await expect(page.getByTestId('pairing-code')).toHaveText(/^\w{4} \w{4}$/);
  await expect(page.getByTestId('current-call')).toHaveCount(0);
});
