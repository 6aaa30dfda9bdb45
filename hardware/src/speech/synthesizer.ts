import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { CustomerLanguage } from '@rinda/shared';
import { CacheBudget, DEFAULT_SPEECH_CACHE_BYTES } from './cache-budget';
import { RenderQueue, type RenderJob, type SpeechPriority } from './render-queue';
import type { SpeechEngine } from './speech-engine';
import { readWavFormat } from './wav';

export interface SynthesizedPhrase {
  /** File name inside the cache directory (a hash: safe to put in a URL). */
  file: string;
  /** Absolute path of the WAV. */
  path: string;
  durationMs: number;
}

export interface Synthesizer {
  engine: SpeechEngine;
  cacheDir: string;
  /**
   * A phrase as a cached WAV, rendered when not cached yet. `call` renders go before every waiting
   * `request` (the default): a kiosk's read-outs never delay the hall's announcements.
   */
  synthesize(text: string, language: CustomerLanguage, priority?: SpeechPriority): Promise<SynthesizedPhrase>;
  /** Renders waiting for the engine now, by priority. */
  readonly waiting: { calls: number; requests: number };
  /** Deletes cached files not used for `unusedForMs`; returns how many. A used file is kept fresh on each hit. */
  prune(unusedForMs: number, now?: number): Promise<number>;
  /**
   * Takes no more work, stops the render under way and resolves once nothing touches the cache directory any
   * more, so it may be deleted. Work cut short rejects with SynthesisAbandoned.
   */
  close(): Promise<void>;
}

/** A synthesis cut short because its synthesizer closed: expected at shutdown, not a failure. */
export class SynthesisAbandoned extends Error {
  constructor() {
    super('speech synthesis abandoned: the synthesizer closed');
    this.name = 'SynthesisAbandoned';
  }
}

/**
 * espeak-ng uses a whole core while it renders; a burst of calls must not starve the server. One at a
 * time is plenty: a phrase renders in a fraction of a second and takes seconds to play.
 */
const MAX_CONCURRENT_RENDERS = 1;

/** The cache key: the same words in the same voice of the same engine version are made once. */
export function speechFileName(engine: SpeechEngine, text: string, language: CustomerLanguage): string {
  const hash = createHash('sha256').update(JSON.stringify([engine.name, engine.version, engine.voiceFor(language), text])).digest('hex');
  return `${hash.slice(0, 40)}.wav`;
}

export interface SynthesizerOptions {
  /** The cache directory's size limit: past it, the least recently used files are deleted. */
  maxCacheBytes?: number;
}

/**
 * Synthesises phrases into WAV files cached on disk; concurrent requests for one phrase share one render.
 * The cache stays within its byte budget: each new file deletes the least recently used past it.
 */
export function createSynthesizer(engine: SpeechEngine, cacheDir: string, options: SynthesizerOptions = {}): Synthesizer {
  const inFlight = new Map<string, { phrase: Promise<SynthesizedPhrase>; job: RenderJob }>();
  const renders = new RenderQueue(MAX_CONCURRENT_RENDERS);
  const budget = new CacheBudget(options.maxCacheBytes ?? DEFAULT_SPEECH_CACHE_BYTES);
  /**
   * What each cached file holds, once read: a file's name is the hash of what it says, so its length never
   * changes while it exists. A phrase heard again then costs the server's thread a touch of the file, not a read
   * of the whole WAV. Forgotten whenever the file is deleted.
   */
  const known = new Map<string, { bytes: number; durationMs: number }>();
  /** The cache directory, made once per synthesizer (again after a failed render), not before every render. */
  let directory: Promise<unknown> | null = null;
  /** The books start from what the directory holds, read once, oldest use first. */
  let booksOpened: Promise<void> | null = null;
  const shutdown = new AbortController();
  /** Syntheses and prunes under way: close() waits for all of them. */
  const busy = new Set<Promise<unknown>>();

  function abandonIfClosed(): void {
    if (shutdown.signal.aborted) throw new SynthesisAbandoned();
  }

  /** Runs work that touches the cache directory, so close() can wait for it; once closed, any failure is the close's doing. */
  function track<T>(work: () => Promise<T>): Promise<T> {
    const running = (async () => {
      abandonIfClosed();
      try {
        return await work();
      } catch (error) {
        abandonIfClosed();
        throw error;
      }
    })();
    const settled: Promise<void> = running.then(
      () => void busy.delete(settled),
      () => void busy.delete(settled),
    );
    busy.add(settled);
    return running;
  }

  async function renderLimited(text: string, language: CustomerLanguage, outFile: string, job: RenderJob): Promise<void> {
    await renders.acquire(job);
    try {
      // A render queued behind the one stopped by close() never starts; each passes the slot on and gives up.
      abandonIfClosed();
      await engine.render(text, language, outFile, shutdown.signal);
    } finally {
      renders.release();
    }
  }

  function openBooks(): Promise<void> {
    booksOpened ??= (async () => {
      const names = await readdir(cacheDir).catch(() => [] as string[]);
      const files = await Promise.all(
        names.filter((name) => name.endsWith('.wav')).map(async (name) => ({ name, info: await stat(path.join(cacheDir, name)).catch(() => null) })),
      );
      for (const { name, info } of files.sort((a, b) => (a.info?.mtimeMs ?? 0) - (b.info?.mtimeMs ?? 0))) if (info) budget.used(name, info.size);
    })();
    return booksOpened;
  }

  /** Records a use of `file` and deletes what no longer fits in the budget, least recently used first. */
  async function account(file: string, bytes: number): Promise<void> {
    await openBooks();
    budget.used(file, bytes);
    for (const old of budget.overBudget()) await removeCached(old);
  }

  async function removeCached(file: string): Promise<void> {
    known.delete(file);
    await rm(path.join(cacheDir, file), { force: true });
  }

  function ensureDirectory(): Promise<unknown> {
    directory ??= mkdir(cacheDir, { recursive: true }).catch((error: unknown) => {
      directory = null;
      throw error;
    });
    return directory;
  }

  /**
   * Runs on the server's thread once per call and language, so a burst of calls pays each step many times: a
   * phrase heard before is a touch of its file, a new one a render, a rename and one read for its length.
   */
  async function produce(file: string, text: string, language: CustomerLanguage, job: RenderJob): Promise<SynthesizedPhrase> {
    const target = path.join(cacheDir, file);
    const now = new Date();
    // Touching the file keeps it fresh for the age-based prune, and fails when it is not there.
    const cached = await utimes(target, now, now).then(
      () => true,
      () => false,
    );
    const remembered = cached ? known.get(file) : undefined;
    if (remembered) {
      await account(file, remembered.bytes);
      return { file, path: target, durationMs: remembered.durationMs };
    }
    if (!cached) await render(target, text, language, job);
    const wav = await readFile(target);
    const phrase = { bytes: wav.byteLength, durationMs: readWavFormat(wav).durationMs };
    known.set(file, phrase);
    await account(file, phrase.bytes);
    return { file, path: target, durationMs: phrase.durationMs };
  }

  async function render(target: string, text: string, language: CustomerLanguage, job: RenderJob): Promise<void> {
    abandonIfClosed();
    await ensureDirectory();
    // Render beside the target, then rename: a reader never sees a half-written file.
    const partial = `${target}.${process.pid}.${Date.now()}.part`;
    let renamed = false;
    try {
      await renderLimited(text, language, partial, job);
      abandonIfClosed();
      await rename(partial, target);
      renamed = true;
    } finally {
      if (!renamed) {
        // The directory may be what went missing (deleted by hand while the server ran): make it again next time.
        directory = null;
        await rm(partial, { force: true });
      }
    }
  }

  async function pruneOlderThan(unusedForMs: number, now: number): Promise<number> {
    const names = await readdir(cacheDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      abandonIfClosed();
      if (!name.endsWith('.wav') && !name.endsWith('.part')) continue;
      const file = path.join(cacheDir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > unusedForMs) {
        await removeCached(name);
        budget.removed(name);
        removed++;
      }
    }
    return removed;
  }

  return {
    engine,
    cacheDir,
    get waiting() {
      return renders.waiting;
    },
    synthesize(text, language, priority = 'request') {
      if (!engine.languages.includes(language)) return Promise.reject(new Error(`no ${engine.name} voice for ${language}`));
      const file = speechFileName(engine, text, language);
      const pending = inFlight.get(file);
      if (pending) {
        // A call waiting on a phrase a kiosk asked for first (a guessed next call, say) must not wait as a request.
        if (priority === 'call') renders.promote(pending.job);
        return pending.phrase;
      }
      const job: RenderJob = { priority };
      const phrase = track(() => produce(file, text, language, job)).finally(() => inFlight.delete(file));
      inFlight.set(file, { phrase, job });
      return phrase;
    },
    prune: (unusedForMs, now = Date.now()) => track(() => pruneOlderThan(unusedForMs, now)),
    async close() {
      shutdown.abort();
      await Promise.all([...busy]);
    },
  };
}
