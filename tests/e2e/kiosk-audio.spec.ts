// The audio-guided mode (European Accessibility Act): a blind customer starts it without seeing the screen, and
// takes a ticket with keys only, hearing every screen in their language through the server's espeak-ng. What was
// said, in order, is read from the kiosk's own speech log; the number heard is the number issued and printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { spokenTicketNumber } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { takeTicketByAudio } from './kiosk-audio-flow';
import { KioskPage, PORTRAIT, startKioskBranch, ticketsOf, type KioskBranch } from './kiosk-page';

let env: KioskBranch;
test.beforeAll(async () => {
  env = await startKioskBranch();
});
test.afterAll(async () => {
  await env?.stop();
});
test.use({ viewport: PORTRAIT });

const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const en = customerMessages.kiosk.en;
const lv = customerMessages.kiosk.lv;

test('a blind customer takes a ticket in audio mode with keys only: every screen is said, in order, and the ticket read aloud is the one issued', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const printed = env.printer.tickets().length;
  await new KioskPage(page).open(env.kioskUrl);
  const timeline = await takeTicketByAudio(page, { languageName: 'English', service: 'Cash and payments', regularTicket: 'No, a regular ticket' });
  await testInfo.attach('audio-ticket-timeline.json', { body: JSON.stringify(timeline, null, 2), contentType: 'application/json' });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'kiosk-audio-timeline.json'), JSON.stringify(timeline, null, 2));
  console.log(`a blind customer took a ticket in ${((timeline.ticketSpokenAt - timeline.startedAt) / 1000).toFixed(1)} s (start → ticket read aloud)`);

  const issued = ticketsOf(env.branch, 'cash').at(-1)!;
  expect(issued.language).toBe('en');
  await env.printer.waitForTicket(printed + 1);

  // What was said, in order (an arrow press may cut a text short; each is still asked for in this order).
  const said = timeline.spoken.map((e) => `${e.language}: ${e.text}`);
  const expected = [
    `lv: ${translate(lv, 'audio.on')}`,
    ...['Latviešu', 'Русский'].map((name) => expect.stringMatching(new RegExp(`^(lv|ru): ${name}\\. `))),
    `en: ${translate(en, 'audio.languageChoice', { language: 'English' })}`,
    expect.stringMatching(/^en: Choose a service\. 1: Cash and payments, Waiting: \d+\. 2: Accounts and cards, Waiting: \d+\. /),
  ];
  expect(said.slice(0, expected.length)).toEqual(expected);
  const rest = said.slice(expected.length);
  const priorityAt = rest.findIndex((s) => s.startsWith(`en: ${translate(en, 'priority.title')}`));
  expect(priorityAt, 'the priority question after the service list').toBeGreaterThanOrEqual(0);
  expect(rest[priorityAt]).toContain(`1: ${translate(en, 'priority.none')}.`);
  // Last: the ticket, its number as a person reads it, service, people ahead and wait, and how to finish.
  expect(said.at(-1)).toMatch(
    new RegExp(`^en: Your number is ${spokenTicketNumber(issued.displayNumber, 'en')}\\. Cash and payments\\. People ahead of you: \\d+\\. [^.]+\\. Please take your ticket\\. ${translate(en, 'audio.resultHint')}$`),
  );
  expect(timeline.ticketText).toBe(said.at(-1)!.slice(4));
  expect(timeline.keys.map((k) => k.key)).toEqual(['Enter (held)', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter', '1', '1']);
  // Never two texts at once: each starts after the one before it ended or was cut short.
  const played = timeline.spoken.filter((e) => e.startedAt !== null);
  for (let i = 1; i < played.length; i++) expect(played[i]!.startedAt!).toBeGreaterThanOrEqual(played[i - 1]!.endedAt ?? played[i - 1]!.startedAt!);
  // This kiosk names no headset output: the guide is on its loudspeaker, the system's default output.
  for (const entry of played) expect({ output: entry.output, sinkId: entry.sinkId }).toEqual({ output: 'speaker', sinkId: '' });

  // Enter finishes; the next customer starts without the guide.
  await page.keyboard.press('Enter');
  await expect(page.locator('.kiosk')).toHaveAttribute('data-audio-guide', 'off');
  await expect(new KioskPage(page).languageButton('Latviešu')).toBeVisible();
});

test('the idle kiosk says how to start the guide at intervals, each time in its next language; a long press anywhere starts it and chooses nothing', async ({ page }) => {
  test.setTimeout(60_000);
  const config = env.branch.ctx.config();
  expect(env.branch.ctx.setConfig({ ...config, kiosk: { ...config.kiosk, audioPromptEverySec: 2 } }).ok).toBe(true);
  try {
    const kiosk = new KioskPage(page);
    await kiosk.open(env.kioskUrl);
    const [first, second] = config.branch.kioskLanguages;
    await page.waitForFunction((count) => (window.__rindaSpeechLog ?? []).length >= count, 2, { timeout: 20_000 });
    const idle = (await page.evaluate(() => window.__rindaSpeechLog!.map((e) => ({ language: e.language, text: e.text })))).slice(0, 2);
    expect(idle).toEqual([
      { language: first, text: translate(customerMessages.kiosk[first!], 'audio.idlePrompt') },
      { language: second, text: translate(customerMessages.kiosk[second!], 'audio.idlePrompt') },
    ]);

    // A finger held on the "English" button: the guide starts, and lifting the finger chooses no language.
    const english = kiosk.languageButton('English');
    const box = (await english.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect(page.locator('.kiosk')).toHaveAttribute('data-audio-guide', 'on', { timeout: 5000 });
    await page.mouse.up();
    await page.waitForFunction((text) => (window.__rindaSpeechLog ?? []).some((e) => e.text === text), translate(customerMessages.kiosk.lv, 'audio.on'));
    await expect(kiosk.languageButton('Latviešu')).toBeVisible();
    await expect(kiosk.heading()).toHaveText(translate(customerMessages.kiosk.lv, 'language.prompt'));
  } finally {
    expect(env.branch.ctx.setConfig(config).ok).toBe(true);
  }
});

test('in the audio mode, "Do you need more time?" is said in the customer\'s language, and a key answers it without choosing anything', async ({ page }) => {
  test.setTimeout(90_000);
  const config = env.branch.ctx.config();
  // The service screen waits three times this, but never less than 20 s after the last key.
  expect(env.branch.ctx.setConfig({ ...config, kiosk: { ...config.kiosk, resetAfterSec: 3 } }).ok).toBe(true);
  try {
    const kiosk = new KioskPage(page);
    await kiosk.open(env.kioskUrl);
    await page.keyboard.press('F1');
    await page.waitForFunction((text) => (window.__rindaSpeechLog ?? []).some((e) => e.text === text), translate(lv, 'audio.on'));
    // The first language is Latvian: the arrow says it, Enter chooses it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(kiosk.heading()).toHaveText(translate(lv, 'services.title'));
    const asked = translate(lv, 'moreTime.speech');
    const said = await page.waitForFunction(
      (text) => (window.__rindaSpeechLog ?? []).find((e) => e.text === text && e.startedAt !== null) ?? null,
      asked,
      { timeout: 45_000, polling: 100 },
    );
    expect(await said.jsonValue()).toMatchObject({ language: 'lv', text: asked });
    await expect(page.getByTestId('more-time')).toBeVisible();

    // A digit would choose a service on the screen; while the question is asked it only answers it.
    const issued = env.branch.ctx.state().tickets.values().length;
    await page.keyboard.press('1');
    await expect(page.getByTestId('more-time')).toHaveCount(0);
    await expect(kiosk.heading()).toHaveText(translate(lv, 'services.title'));
    expect(env.branch.ctx.state().tickets.values().length).toBe(issued);
  } finally {
    expect(env.branch.ctx.setConfig(config).ok).toBe(true);
  }
});
