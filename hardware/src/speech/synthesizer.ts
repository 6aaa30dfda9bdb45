import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { CustomerLanguage } from '@rinda/shared';
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
  synthesize(text: string, language: CustomerLanguage): Promise<SynthesizedPhrase>;
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

/** Synthesises phrases into WAV files cached on disk; concurrent requests for one phrase share one render. */
export function createSynthesizer(engine: SpeechEngine, cacheDir: string): Synthesizer {
  const inFlight = new Map<string, Promise<SynthesizedPhrase>>();
  const waiting: (() => void)[] = [];
  let rendering = 0;
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

  async function renderLimited(text: string, language: CustomerLanguage, outFile: string): Promise<void> {
    // A finishing render hands its slot straight to the next in line, so the limit holds under any interleaving.
    if (rendering < MAX_CONCURRENT_RENDERS) rendering++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      // A render queued behind the one stopped by close() never starts; each passes the slot on and gives up.
      abandonIfClosed();
      await engine.render(text, language, outFile, shutdown.signal);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else rendering--;
    }
  }

  async function produce(file: string, text: string, language: CustomerLanguage): Promise<SynthesizedPhrase> {
    const target = path.join(cacheDir, file);
    const cached = await stat(target).catch(() => null);
    if (cached) {
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
    } else {
      abandonIfClosed();
      await mkdir(cacheDir, { recursive: true });
      // Render beside the target, then rename: a reader never sees a half-written file.
      const partial = `${target}.${process.pid}.${Date.now()}.part`;
      try {
        await renderLimited(text, language, partial);
        abandonIfClosed();
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
    }
    return { file, path: target, durationMs: readWavFormat(await readFile(target)).durationMs };
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
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  return {
    engine,
    cacheDir,
    synthesize(text, language) {
      if (!engine.languages.includes(language)) return Promise.reject(new Error(`no ${engine.name} voice for ${language}`));
      const file = speechFileName(engine, text, language);
      let pending = inFlight.get(file);
      if (!pending) {
        pending = track(() => produce(file, text, language)).finally(() => inFlight.delete(file));
        inFlight.set(file, pending);
      }
      return pending;
    },
    prune: (unusedForMs, now = Date.now()) => track(() => pruneOlderThan(unusedForMs, now)),
    async close() {
      shutdown.abort();
      await Promise.all([...busy]);
    },
  };
}
