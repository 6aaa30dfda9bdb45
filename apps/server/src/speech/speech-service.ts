import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { AUDIO_PATH, type BranchConfig, type CallView, type CustomerLanguage, type SpokenPhrase } from '@rinda/shared';
import { announcementPhrases, briefAnnouncementPhrase, createSynthesizer, detectEspeak, SynthesisAbandoned, type SpeechPriority, type Synthesizer } from '@rinda/hardware';

/** Numbers repeat every day, so most phrases are reused; one unused this long is deleted (it is cheap to make again). */
const CACHE_UNUSED_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 24 * 60 * 60_000;

export interface SpeechService {
  readonly cacheDir: string;
  /** The phrases of a call, synthesised (from the cache when already made). */
  announce(call: Pick<CallView, 'displayNumber' | 'counterNumber' | 'language'>, config: BranchConfig): Promise<SpokenPhrase[]>;
  /** The call's brief form, said while other calls wait (display.announcementPolicy). */
  announceBrief(call: Pick<CallView, 'displayNumber' | 'counterNumber' | 'language'>, config: BranchConfig): Promise<SpokenPhrase>;
  /** Any short text in one language, rendered after every call waiting; null when speech is unavailable. */
  speak(text: string, language: CustomerLanguage): Promise<{ url: string; durationMs: number } | null>;
  /**
   * Takes no more work (phrases come back silent), stops the daily pruning and resolves once no synthesis
   * touches the cache directory any more: the data directory may then be deleted.
   */
  stop(): Promise<void>;
}

export interface SpeechServiceOptions {
  espeakBinary?: string;
  /** The cache's size limit in bytes (least recently used files go first). */
  maxCacheBytes?: number;
}

/**
 * Finds espeak-ng once at start and says clearly in the log when it is missing: the branch still
 * works, displays show calls silently. The cache lives beside the database file. Announcements are
 * rendered before any other text waiting (a priority queue in the synthesizer).
 */
export function createSpeechService(databaseFile: string, logger: Logger, options: SpeechServiceOptions = {}): SpeechService {
  const { espeakBinary = 'espeak-ng', maxCacheBytes } = options;
  const cacheDir = databaseFile === ':memory:' || databaseFile === '' ? path.join(tmpdir(), 'rinda-speech-cache') : path.join(path.dirname(databaseFile), 'speech-cache');
  const synthesizer: Promise<Synthesizer | null> = detectEspeak(espeakBinary).then(
    (detection) => {
      if (!detection.ok) {
        logger.error({ reason: detection.reason }, 'speech: espeak-ng unavailable, calls will be shown but not spoken');
        return null;
      }
      const { engine, missingLanguages } = detection;
      if (missingLanguages.length > 0) logger.warn({ missingLanguages }, 'speech: espeak-ng lacks voices, these languages stay silent');
      logger.info({ engine: engine.name, version: engine.version, languages: engine.languages, cacheDir }, 'speech: ready');
      return createSynthesizer(engine, cacheDir, { maxCacheBytes });
    },
    (error: unknown) => {
      logger.error({ err: error }, 'speech: checking espeak-ng failed, calls will be shown but not spoken');
      return null;
    },
  );

  let stopped = false;
  const prune = () =>
    void synthesizer
      .then((ready) => (stopped ? 0 : ready?.prune(CACHE_UNUSED_MS)))
      .then((removed) => removed && logger.info({ removed }, 'speech: pruned unused cached audio'))
      .catch((error: unknown) => {
        if (!(error instanceof SynthesisAbandoned)) logger.warn({ err: error }, 'speech: pruning the cache failed');
      });
  prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();

  /** Announcements and read-outs under way: stop() returns once all of them have settled. */
  const pending = new Set<Promise<unknown>>();
  function tracked<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    const forget = () => void pending.delete(work);
    void work.then(forget, forget);
    return work;
  }

  async function synthesize(text: string, language: CustomerLanguage, priority: SpeechPriority) {
    const ready = await synthesizer;
    if (stopped || !ready || !ready.engine.languages.includes(language)) return null;
    try {
      const result = await ready.synthesize(text, language, priority);
      return { url: AUDIO_PATH + result.file, durationMs: result.durationMs };
    } catch (error) {
      // Cut short by stop(): the server is closing and nobody is waiting for this phrase, so it is not a failure.
      if (!(error instanceof SynthesisAbandoned)) throw error;
      logger.debug({ language }, 'speech: synthesis abandoned at shutdown');
      return null;
    }
  }

  /** A phrase with its audio; a failed synthesis leaves it silent (shown, not heard) rather than failing the call. */
  async function voiced({ language, text }: { language: CustomerLanguage; text: string }): Promise<SpokenPhrase> {
    const audio = await synthesize(text, language, 'call').catch((error: unknown) => {
      logger.error({ err: error, language }, 'speech: synthesis failed');
      return null;
    });
    return { language, text, audioUrl: audio?.url ?? null, durationMs: audio?.durationMs ?? null };
  }

  return {
    cacheDir,
    speak: (text, language) => tracked(synthesize(text, language, 'request')),
    async stop() {
      stopped = true;
      clearInterval(pruning);
      // Waiting for the start-up check too: a synthesizer made after stop() would otherwise never be closed.
      await (await synthesizer)?.close();
      await Promise.allSettled([...pending]);
    },
    announce(call, config) {
      return tracked(Promise.all(announcementPhrases(call, config).map(voiced)));
    },
    announceBrief(call, config) {
      return tracked(voiced(briefAnnouncementPhrase(call, config)));
    },
  };
}
