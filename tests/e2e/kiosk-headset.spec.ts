// The audio-guided mode's headset output (issue 18, "with headset output where the kiosk has one"): a kiosk whose
// settings name a headset output (`#headset=<label>` in its address; `headsetOutput` in the shell's config) speaks a
// blind customer's guidance into that headset when it is plugged in, and through the loudspeaker otherwise; the idle
// prompt and everything said outside the mode stay on the loudspeaker. Where each text was played is read from the
// kiosk's speech log: the audio element's real `sinkId` when the text started.
//
// The outputs are Chromium's own: `--use-fake-device-for-media-stream` gives it a default output and two more
// ("Fake Audio Output 1" and "2"), and `setSinkId` really moves the element to them. The one thing Chromium cannot
// do is plug or unplug a device while the page runs, so only that is stood in for: an init script lets the test
// hide an output from `enumerateDevices` and fire `devicechange`, as the system does when a headset is pulled out.
import { expect, test, type Page } from '@playwright/test';
import { customerMessages, translate } from '@rinda/shared/i18n';
import config from '../playwright.config';
import type { SpeechLogEntry } from '../../apps/kiosk/src/speech/speech-player';
import { takeTicketByAudio } from './kiosk-audio-flow';
import { KioskPage, PORTRAIT, startKioskBranch, type KioskBranch } from './kiosk-page';

const HEADSET = 'Fake Audio Output 1';
const baseLaunch = config.use!.launchOptions!;

test.use({
  viewport: PORTRAIT,
  launchOptions: { ...baseLaunch, args: [...(baseLaunch.args ?? []), '--use-fake-device-for-media-stream'] },
  // Chromium tells a page its outputs' names only once it may use the microphone (the kiosk never opens it): the
  // kiosk shell grants that check, a plain browser kiosk gets it by policy (docs/OPERATIONS.md).
  permissions: ['microphone'],
});

let env: KioskBranch;
test.beforeAll(async () => {
  env = await startKioskBranch();
});
/** How often the idle kiosk says how to start the guide (each change reaches the open kiosk at once). */
function promptEvery(seconds: number) {
  const branchConfig = env.branch.ctx.config();
  expect(env.branch.ctx.setConfig({ ...branchConfig, kiosk: { ...branchConfig.kiosk, audioPromptEverySec: seconds } }).ok).toBe(true);
}
test.afterEach(() => promptEvery(0));
test.afterAll(async () => {
  await env?.stop();
});

const lv = customerMessages.kiosk.lv;
const log = (page: Page): Promise<SpeechLogEntry[]> => page.evaluate(() => window.__rindaSpeechLog?.map((e) => ({ ...e })) ?? []);
const played = (entries: SpeechLogEntry[]) => entries.filter((e) => e.startedAt !== null);

/** Lets the test pull an output out and plug it back in (see the header): hidden from listings, with `devicechange`. */
async function allowUnplugging(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { unplugged: Set<string> };
    w.unplugged = new Set();
    const list = MediaDevices.prototype.enumerateDevices;
    MediaDevices.prototype.enumerateDevices = async function () {
      return (await list.call(this)).filter((d) => !w.unplugged.has(d.label));
    };
  });
}
async function setPlugged(page: Page, label: string, plugged: boolean) {
  await page.evaluate(
    ([l, p]) => {
      const w = window as unknown as { unplugged: Set<string> };
      if (p) w.unplugged.delete(l);
      else w.unplugged.add(l);
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    },
    [label, plugged] as const,
  );
}

/** The device id Chromium gives the headset output in this page. */
const headsetId = (page: Page) =>
  page.evaluate(async (label) => (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'audiooutput' && d.label === label)?.deviceId ?? null, HEADSET);

/** Waits until the kiosk has started playing `count` texts, and returns the log. */
async function untilPlayed(page: Page, count: number): Promise<SpeechLogEntry[]> {
  await page.waitForFunction((n) => (window.__rindaSpeechLog ?? []).filter((e) => e.startedAt !== null).length >= n, count, { timeout: 30_000, polling: 50 });
  return log(page);
}

test('a blind customer hears the whole visit in the headset, from the guide starting to the ticket; the idle prompt before and after is on the loudspeaker', async ({ page }) => {
  test.setTimeout(150_000);
  const kiosk = new KioskPage(page);
  await kiosk.open(`${env.kioskUrl}&headset=${encodeURIComponent(HEADSET)}`);
  const headset = await headsetId(page);
  expect(headset, 'Chromium lists the fake headset output').toBeTruthy();

  // Idle: the prompt that tells how to start the guide is for everyone in the hall.
  promptEvery(2);
  const idle = (await untilPlayed(page, 1))[0]!;
  expect(idle).toMatchObject({ text: translate(lv, 'audio.idlePrompt'), output: 'speaker', sinkId: '' });
  promptEvery(0);
  // A prompt already due when the setting reaches the page is said before the visit starts, not during it.
  await page.waitForTimeout(2500);

  const before = (await log(page)).length;
  const timeline = await takeTicketByAudio(page, { languageName: 'English', service: 'Cash and payments', regularTicket: 'No, a regular ticket' });
  const guided = played(timeline.spoken.slice(before));
  expect(guided[0]!.text).toBe(translate(lv, 'audio.on'));
  expect(guided.at(-1)!.text).toBe(timeline.ticketText);
  for (const entry of guided) expect({ text: entry.text, output: entry.output, sinkId: entry.sinkId }).toEqual({ text: entry.text, output: 'headset', sinkId: headset });

  // Enter finishes: the next customer's kiosk is idle again, and its prompt is on the loudspeaker.
  await page.keyboard.press('Enter');
  await expect(page.locator('.kiosk')).toHaveAttribute('data-audio-guide', 'off');
  promptEvery(2);
  const after = (await log(page)).length;
  const prompts = Object.values(customerMessages.kiosk).map((messages) => translate(messages, 'audio.idlePrompt'));
  const handle = await page.waitForFunction(
    ([from, texts]) => (window.__rindaSpeechLog ?? []).slice(from).find((e) => e.startedAt !== null && texts.includes(e.text)) ?? null,
    [after, prompts] as const,
    { timeout: 30_000, polling: 50 },
  );
  const next = (await handle.jsonValue()) as SpeechLogEntry;
  expect(next).toMatchObject({ output: 'speaker', sinkId: '' });
});

test('the guide follows the headset: the loudspeaker while none is plugged in, the headset from when it is plugged in, the loudspeaker again when it is pulled out', async ({ page }) => {
  test.setTimeout(90_000);
  await allowUnplugging(page);
  const kiosk = new KioskPage(page);
  await kiosk.open(`${env.kioskUrl}&headset=${encodeURIComponent(HEADSET)}`);
  const headset = await headsetId(page);
  expect(headset).toBeTruthy();
  await setPlugged(page, HEADSET, false);

  /** Presses a key and returns the first text the kiosk then plays. */
  const sayNext = async (key: string) => {
    const count = (await log(page)).length;
    await page.keyboard.press(key);
    const entries = await page.waitForFunction((n) => (window.__rindaSpeechLog ?? []).slice(n).find((e) => e.startedAt !== null) ?? null, count, { timeout: 30_000, polling: 50 });
    return (await entries.jsonValue()) as SpeechLogEntry;
  };

  // No headset: a blind customer still hears the guide, through the loudspeaker.
  expect(await sayNext('F1')).toMatchObject({ text: translate(lv, 'audio.on'), output: 'speaker', sinkId: '' });
  expect(await sayNext('ArrowDown')).toMatchObject({ output: 'speaker', sinkId: '' });

  // The customer plugs the headset in: what is said next is in the headset.
  await setPlugged(page, HEADSET, true);
  expect(await sayNext('ArrowDown')).toMatchObject({ output: 'headset', sinkId: headset });

  // Pulled out: the loudspeaker takes over, and the element is back on the system default.
  await setPlugged(page, HEADSET, false);
  expect(await sayNext('ArrowDown')).toMatchObject({ output: 'speaker', sinkId: '' });
});

test('a kiosk whose headset output is not among its outputs speaks the guide through the loudspeaker', async ({ page }) => {
  const kiosk = new KioskPage(page);
  await kiosk.open(`${env.kioskUrl}&headset=${encodeURIComponent('Jabra EVOLVE')}`);
  const count = (await log(page)).length;
  await page.keyboard.press('F1');
  await page.waitForFunction(
    ([n, text]) => (window.__rindaSpeechLog ?? []).slice(n).some((e) => e.startedAt !== null && e.text === text),
    [count, translate(lv, 'audio.on')] as const,
    { timeout: 30_000 },
  );
  const guided = played((await log(page)).slice(count));
  expect(guided.map((e) => ({ output: e.output, sinkId: e.sinkId }))).toEqual(guided.map(() => ({ output: 'speaker', sinkId: '' })));
});

test("a sighted customer's ticket is read out through the loudspeaker even with the headset plugged in", async ({ page }) => {
  const kiosk = new KioskPage(page);
  await kiosk.open(`${env.kioskUrl}&headset=${encodeURIComponent(HEADSET)}`);
  expect(await headsetId(page)).toBeTruthy();
  await kiosk.languageButton('English').click();
  await kiosk.serviceButton('Business clients').click();
  await expect(kiosk.ticketNumber()).toBeVisible();
  const handle = await page.waitForFunction(() => (window.__rindaSpeechLog ?? []).find((e) => e.startedAt !== null && e.text.startsWith('Your number is')) ?? null, null, {
    timeout: 30_000,
    polling: 50,
  });
  expect(await handle.jsonValue()).toMatchObject({ language: 'en', output: 'speaker', sinkId: '' });
});
