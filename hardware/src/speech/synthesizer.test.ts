import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES, demoBranchConfig } from '@rinda/shared';
import { announcementPhrases } from './announcement-phrases';
import { chimeWav } from './chime';
import { detectEspeak } from './espeak-engine';
import type { SpeechEngine } from './speech-engine';
import { createSynthesizer, SynthesisAbandoned, type Synthesizer } from './synthesizer';
import { runningEspeak } from './test-support/running-espeak';
import { readWav } from './wav';

/** sox's own reading of a file: an independent check of what our WAV reader says. */
function soxStat(file: string): { seconds: number; rms: number } {
  // sox writes `stat` to stderr.
  const text = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  return {
    seconds: Number(/Length \(seconds\):\s*([\d.]+)/.exec(text)?.[1]),
    rms: Number(/RMS\s+amplitude:\s*([\d.]+)/.exec(text)?.[1]),
  };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const allLanguages = { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, announcementLanguages: [...CUSTOMER_LANGUAGES] } };
const sampleCall = { displayNumber: 'A023', counterNumber: 3, language: 'lv' as const };

let cacheDir: string;
let engine: SpeechEngine;
let synthesizer: Synthesizer;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-'));
  const detection = await detectEspeak();
  if (!detection.ok) throw new Error(detection.reason);
  engine = detection.engine;
  synthesizer = createSynthesizer(engine, cacheDir);
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('espeak-ng synthesis', () => {
  it('finds espeak-ng with a voice for all six customer languages', async () => {
    const detection = await detectEspeak();
    expect(detection.ok && detection.engine.languages).toEqual([...CUSTOMER_LANGUAGES]);
  });

  it('reports a missing espeak-ng as a reason instead of throwing', async () => {
    const detection = await detectEspeak('/nonexistent/espeak-ng');
    expect(detection.ok).toBe(false);
    expect(!detection.ok && detection.reason).toMatch(/not found/);
  });

  for (const phrase of announcementPhrases(sampleCall, allLanguages)) {
    it(`${phrase.language}: the sample call is audible speech of plausible length`, async () => {
      const result = await synthesizer.synthesize(phrase.text, phrase.language);
      const wav = readWav(readFileSync(result.path));
      const sox = soxStat(result.path);
      const words = phrase.text.split(/\s+/).length;
      // Spoken at 150 words a minute, about 0.4 s a word plus pauses; silence or a stutter falls outside.
      expect(result.durationMs).toBeGreaterThan(words * 250);
      expect(result.durationMs).toBeLessThan(words * 1000);
      expect(Math.abs(sox.seconds * 1000 - result.durationMs)).toBeLessThan(50);
      expect(sox.rms).toBeGreaterThan(0.03);
      expect(Math.abs(wav.rms - sox.rms)).toBeLessThan(0.01);
    });
  }

  it('caches by text and voice: the same phrase is rendered once, another voice gets its own file', async () => {
    let renders = 0;
    const counting = createSynthesizer({ ...engine, render: (...args) => (renders++, engine.render(...args)) }, cacheDir);
    const first = await counting.synthesize('Numurs B 7, lūdzu, pie otrā loga.', 'lv');
    const [again, concurrent] = await Promise.all([
      counting.synthesize('Numurs B 7, lūdzu, pie otrā loga.', 'lv'),
      counting.synthesize('Numurs B 7, lūdzu, pie otrā loga.', 'lv'),
    ]);
    expect(again.file).toBe(first.file);
    expect(concurrent.file).toBe(first.file);
    expect(renders).toBe(1);
    const otherVoice = await counting.synthesize('Numurs B 7, lūdzu, pie otrā loga.', 'lt');
    expect(otherVoice.file).not.toBe(first.file);
    expect(renders).toBe(2);
  });

  it('answers a phrase heard again from what it read the first time, and renders it again once its file is gone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-again-'));
    let renders = 0;
    const counting = createSynthesizer({ ...engine, render: (...args) => (renders++, engine.render(...args)) }, dir);
    const text = 'Number H 4, please go to counter 2.';
    const first = await counting.synthesize(text, 'en');
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(first.path, hourAgo, hourAgo);
    // The file is not read again: a header made unreadable changes nothing the server is told.
    const wav = readFileSync(first.path);
    writeFileSync(first.path, Buffer.concat([Buffer.from('not a wav header'), wav.subarray(16)]));
    const again = await counting.synthesize(text, 'en');
    expect(again).toEqual(first);
    expect(renders).toBe(1);
    // …but it is touched, so the age-based prune keeps a phrase in use.
    expect(Date.now() - statSync(first.path).mtimeMs).toBeLessThan(60_000);

    rmSync(first.path);
    const remade = await counting.synthesize(text, 'en');
    expect(renders).toBe(2);
    expect(remade.durationMs).toBe(first.durationMs);
    expect(readWav(readFileSync(remade.path)).durationMs).toBe(first.durationMs);

    // The whole directory deleted by hand while the server runs: a render may fail, the next one makes it again.
    rmSync(dir, { recursive: true });
    await counting.synthesize('Number H 5, please go to counter 2.', 'en').catch(() => undefined);
    const afterwards = await counting.synthesize('Number H 6, please go to counter 2.', 'en');
    expect(statSync(afterwards.path).isFile()).toBe(true);
    rmSync(dir, { recursive: true });
  });

  it('runs one espeak-ng render at a time, however many calls arrive together', async () => {
    let running = 0;
    let most = 0;
    const watched = createSynthesizer(
      {
        ...engine,
        render: async (...args) => {
          most = Math.max(most, ++running);
          try {
            await engine.render(...args);
          } finally {
            running--;
          }
        },
      },
      cacheDir,
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => watched.synthesize(`Number C ${n}, please go to counter 4.`, 'en')));
    expect(new Set(results.map((r) => r.file)).size).toBe(6);
    expect(most).toBe(1);
  });

  it("renders a call before the kiosk requests that were waiting ahead of it", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const watched = createSynthesizer(
      {
        ...engine,
        render: async (text, language, outFile, signal) => {
          order.push(text);
          if (order.length === 1) {
            firstStarted();
            await firstHeld;
          }
          await engine.render(text, language, outFile, signal);
        },
      },
      mkdtempSync(path.join(tmpdir(), 'rinda-speech-order-')),
    );
    const kiosk = (n: number) => watched.synthesize(`Your number is K ${n}. Please wait to be called.`, 'en', 'request');
    const all = [kiosk(1)];
    await started;
    // One at a time: each reaches the queue after its own file-system checks, which finish in any order.
    all.push(kiosk(2));
    await until(() => watched.waiting.requests === 1);
    all.push(kiosk(3));
    await until(() => watched.waiting.requests === 2);
    all.push(watched.synthesize('Number K 9, please go to counter 2.', 'en', 'call'));
    await until(() => watched.waiting.calls === 1);
    releaseFirst();
    await Promise.all(all);
    expect(order).toEqual([
      'Your number is K 1. Please wait to be called.',
      'Number K 9, please go to counter 2.',
      'Your number is K 2. Please wait to be called.',
      'Your number is K 3. Please wait to be called.',
    ]);
  });

  it('keeps the cache within its byte size: a new phrase deletes the least recently used, not one just heard again', async () => {
    const texts = ['Number F 1, please go to counter 1.', 'Number F 2, please go to counter 2.', 'Number F 3, please go to counter 3.'];
    const sizes = await Promise.all(texts.map(async (text) => statSync((await synthesizer.synthesize(text, 'en')).path).size));
    const dir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-budget-'));
    const bounded = createSynthesizer(engine, dir, { maxCacheBytes: sizes[0]! + sizes[1]! + sizes[2]! - 1 });
    const first = await bounded.synthesize(texts[0]!, 'en');
    const second = await bounded.synthesize(texts[1]!, 'en');
    await bounded.synthesize(texts[0]!, 'en');
    const third = await bounded.synthesize(texts[2]!, 'en');
    expect(readdirSync(dir).sort()).toEqual([first.file, third.file].sort());
    expect(() => statSync(second.path)).toThrow();
    rmSync(dir, { recursive: true });
  });

  it('counts the files already in the cache directory when it starts, oldest use first', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-books-'));
    const before = createSynthesizer(engine, dir);
    const old = await before.synthesize('Number G 1, please go to counter 1.', 'en');
    const recent = await before.synthesize('Number G 2, please go to counter 2.', 'en');
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(old.path, hourAgo, hourAgo);
    const restarted = createSynthesizer(engine, dir, { maxCacheBytes: statSync(recent.path).size * 2 + 1 });
    const made = await restarted.synthesize('Number G 3, please go to counter 3.', 'en');
    expect(readdirSync(dir).sort()).toEqual([recent.file, made.file].sort());
    rmSync(dir, { recursive: true });
  });

  it('prunes files unused for longer than asked, and keeps the rest', async () => {
    const phrase = await synthesizer.synthesize('Numer D 9, zapraszamy do stanowiska numer 4.', 'pl');
    expect(await synthesizer.prune(60 * 60_000)).toBe(0);
    expect(statSync(phrase.path).isFile()).toBe(true);
    expect(await synthesizer.prune(60 * 60_000, Date.now() + 2 * 60 * 60_000)).toBeGreaterThan(0);
    expect(() => statSync(phrase.path)).toThrow();
  });

  it('on close, stops the render under way, starts none of those queued behind it, and leaves the directory alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-close-'));
    const started: string[] = [];
    let firstStarted!: () => void;
    const renderUnderWay = new Promise<void>((resolve) => (firstStarted = resolve));
    const closing = createSynthesizer(
      {
        ...engine,
        render: (text, language, outFile, signal) => {
          started.push(text);
          firstStarted();
          return engine.render(text, language, outFile, signal);
        },
      },
      dir,
    );
    const outcomes = Promise.allSettled([1, 2, 3].map((n) => closing.synthesize(`Number E ${n}, please go to counter 5.`, 'en')));
    await renderUnderWay;
    await closing.close();

    expect(runningEspeak()).toEqual([]);
    expect(started).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(SynthesisAbandoned) });
    await expect(closing.synthesize('Number E 4, please go to counter 5.', 'en')).rejects.toBeInstanceOf(SynthesisAbandoned);
    await expect(closing.prune(0)).rejects.toBeInstanceOf(SynthesisAbandoned);
    expect(started).toHaveLength(1);
    rmSync(dir, { recursive: true });
  });

  it('treats the text as words, never as a command or an option', async () => {
    const result = await synthesizer.synthesize('--version; rm -rf / $(reboot)', 'en');
    expect(readWav(readFileSync(result.path)).durationMs).toBeGreaterThan(1000);
  });
});

describe('letters as espeak-ng says them (its phoneme output)', () => {
  function phonemes(text: string, voice: string): string {
    return execFileSync('espeak-ng', ['-q', '-x', '-v', voice, '--stdin'], { input: text, encoding: 'utf8' });
  }
  const phrases = Object.fromEntries(announcementPhrases(sampleCall, allLanguages).map((p) => [p.language, p.text]));

  it('English says the letter "A" (eI), not the article', () => {
    expect(phonemes(phrases.en!, engine.voiceFor('en'))).toMatch(/n'Vmb3r?-? 'eI/);
  });

  it('Russian and Ukrainian say the letter in their own voice, never switching to English', () => {
    expect(phonemes(phrases.ru!, engine.voiceFor('ru'))).not.toContain('(en)');
    expect(phonemes(phrases.uk!, engine.voiceFor('uk'))).not.toContain('(en)');
  });

  it('no language reads a leading zero', () => {
    for (const language of CUSTOMER_LANGUAGES)
      expect(phonemes(phrases[language]!, engine.voiceFor(language))).not.toMatch(/n'ul|z'ERO|z'i@roU|n'ojl|nulj/);
  });
});

describe('chime', () => {
  it('is a short, audible two-tone sound', () => {
    const wav = readWav(chimeWav());
    expect(wav.durationMs).toBeGreaterThan(800);
    expect(wav.durationMs).toBeLessThan(2500);
    expect(wav.rms).toBeGreaterThan(0.03);
  });
});
