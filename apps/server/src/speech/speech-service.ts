import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { BranchConfig, CallView, CustomerLanguage } from '@rinda/shared';
import { announcementPhrases, createSynthesizer, detectEspeak, type Synthesizer } from '@rinda/hardware';

export const AUDIO_PATH = '/api/speech/audio/';
export const CHIME_PATH = '/api/speech/chime.wav';
/** Numbers repeat every day, so most phrases are reused; one unused this long is deleted (it is cheap to make again). */
const CACHE_UNUSED_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 24 * 60 * 60_000;

export interface SpokenPhrase {
  language: CustomerLanguage;
  text: string;
  /** null when no voice could say it (espeak-ng missing, or no voice for the language): show, stay silent. */
  audioUrl: string | null;
  durationMs: number | null;
}

export interface SpeechService {
  readonly cacheDir: string;
  /** The phrases of a call, synthesised (from the cache when already made). */
  announce(call: Pick<CallView, 'displayNumber' | 'counterNumber' | 'language'>, config: BranchConfig): Promise<SpokenPhrase[]>;
  /** Any short text in one language; null when speech is unavailable. */
  speak(text: string, language: CustomerLanguage): Promise<{ url: string; durationMs: number } | null>;
  /** Stops the daily cache pruning. */
  stop(): void;
}

/**
 * Finds espeak-ng once at start and says clearly in the log when it is missing: the branch still
 * works, displays show calls silently. The cache lives beside the database file.
 */
export function createSpeechService(databaseFile: string, logger: Logger, espeakBinary = 'espeak-ng'): SpeechService {
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
      return createSynthesizer(engine, cacheDir);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'speech: checking espeak-ng failed, calls will be shown but not spoken');
      return null;
    },
  );

  const prune = () =>
    void synthesizer
      .then((ready) => ready?.prune(CACHE_UNUSED_MS))
      .then((removed) => removed && logger.info({ removed }, 'speech: pruned unused cached audio'))
      .catch((error: unknown) => logger.warn({ err: error }, 'speech: pruning the cache failed'));
  prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();

  async function speak(text: string, language: CustomerLanguage) {
    const ready = await synthesizer;
    if (!ready || !ready.engine.languages.includes(language)) return null;
    const result = await ready.synthesize(text, language);
    return { url: AUDIO_PATH + result.file, durationMs: result.durationMs };
  }

  return {
    cacheDir,
    speak,
    stop: () => clearInterval(pruning),
    async announce(call, config) {
      return Promise.all(
        announcementPhrases(call, config).map(async ({ language, text }) => {
          const audio = await speak(text, language).catch((error: unknown) => {
            logger.error({ err: error, language }, 'speech: synthesis failed');
            return null;
          });
          return { language, text, audioUrl: audio?.url ?? null, durationMs: audio?.durationMs ?? null };
        }),
      );
    },
  };
}
