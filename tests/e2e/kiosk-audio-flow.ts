/**
 * A blind customer takes a ticket in the kiosk's audio-guided mode with keys only, listening to each prompt to its
 * end before pressing the next key, as a person who cannot see the screen would. Used by kiosk-audio.spec.ts (what
 * is said, in order) and by the benchmark "a blind customer takes a ticket in audio mode" (how long it takes).
 * Everything is read from the kiosk's own speech log (window.__rindaSpeechLog); the test acts only by keys.
 */
import type { Page } from '@playwright/test';
import type { SpeechLogEntry } from '../../apps/kiosk/src/speech/speech-player';

export interface AudioTicketTimeline {
  /** Every text the kiosk said, in order, with its times (page clock, ms). */
  spoken: SpeechLogEntry[];
  /** The key events of the customer, page clock. */
  keys: { key: string; at: number }[];
  /** When the customer started holding Enter on the idle screen. */
  startedAt: number;
  /** When the kiosk started saying the ticket's number. */
  ticketSpokenAt: number;
  /** The service the customer chose and the number they heard. */
  ticketText: string;
}

const speechLog = (page: Page) => page.evaluate(() => window.__rindaSpeechLog?.map((e) => ({ ...e })) ?? []);
const pageNow = (page: Page) => page.evaluate(() => Date.now());

/** Waits for the next text the kiosk says after `count` texts (matching `pattern`, if given) and for it to end. */
async function hear(page: Page, count: number, pattern?: RegExp, timeout = 30_000): Promise<SpeechLogEntry> {
  const handle = await page.waitForFunction(
    ([from, source]) => {
      const re = source ? new RegExp(source) : null;
      const entry = (window.__rindaSpeechLog ?? []).slice(from).find((e) => !re || re.test(e.text));
      return entry && entry.outcome !== 'pending' ? entry : null;
    },
    [count, pattern?.source ?? null] as const,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as SpeechLogEntry;
}

async function press(page: Page, keys: AudioTicketTimeline['keys'], key: string): Promise<number> {
  const before = (await speechLog(page)).length;
  keys.push({ key, at: await pageNow(page) });
  await page.keyboard.press(key);
  return before;
}

/**
 * From the idle kiosk (already open, unseen): hold Enter to start the guide, arrow to `languageName` (said in its
 * own language), Enter; then the service and the regular ticket by the digits the kiosk read out.
 */
export async function takeTicketByAudio(page: Page, options: { languageName: string; service: string; regularTicket: string }): Promise<AudioTicketTimeline> {
  const keys: AudioTicketTimeline['keys'] = [];
  // Anything said before (the idle prompt) is not part of the visit.
  const earlier = (await speechLog(page)).length;
  const startedAt = await pageNow(page);
  keys.push({ key: 'Enter (held)', at: startedAt });
  await page.keyboard.down('Enter');
  await hear(page, earlier);
  await page.keyboard.up('Enter');

  // Arrow down through the languages, each said in its own language, until the customer hears theirs.
  for (let i = 0; ; i++) {
    if (i > 8) throw new Error(`${options.languageName} was never said`);
    const said = await hear(page, await press(page, keys, 'ArrowDown'));
    if (said.text.startsWith(`${options.languageName}.`)) break;
  }
  const services = await hear(page, await press(page, keys, 'Enter'));
  const serviceDigit = numberOf(await fullText(page, services), options.service);
  const priority = await hear(page, await press(page, keys, String(serviceDigit)));
  const regularDigit = numberOf(await fullText(page, priority), options.regularTicket);
  const before = await press(page, keys, String(regularDigit));
  // The ticket: its read-out starts (its number, service, people ahead and wait).
  const handle = await page.waitForFunction(
    (from) => (window.__rindaSpeechLog ?? []).slice(from).find((e) => e.startedAt !== null && /\d/.test(e.text) && e.text.includes('.')) ?? null,
    before,
    { timeout: 30_000, polling: 50 },
  );
  const ticket = (await handle.jsonValue()) as SpeechLogEntry;
  return { spoken: await speechLog(page), keys, startedAt, ticketSpokenAt: ticket.startedAt!, ticketText: ticket.text };
}

/** All texts said for one screen (a long screen is said in several), from the one given to the last so far. */
async function fullText(page: Page, first: SpeechLogEntry): Promise<string> {
  const log = await speechLog(page);
  const from = log.findIndex((e) => e.requestedAt === first.requestedAt && e.text === first.text);
  // Wait until the rest of the screen has been said too.
  await page.waitForFunction((i) => (window.__rindaSpeechLog ?? []).slice(i).every((e) => e.outcome !== 'pending'), from, { timeout: 60_000, polling: 50 });
  return (await speechLog(page))
    .slice(from)
    .map((e) => e.text)
    .join(' ');
}

/** The digit the kiosk said for a choice: "2: Accounts and cards, …". */
function numberOf(said: string, choice: string): number {
  const match = new RegExp(`(\\d): ${choice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(said);
  if (!match) throw new Error(`"${choice}" was not read out in: ${said}`);
  return Number(match[1]);
}
