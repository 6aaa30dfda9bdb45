import type { CustomerLanguage } from '@rinda/shared';

/** A text-to-speech program that writes a WAV file. espeak-ng is the one in use; another could be added. */
export interface SpeechEngine {
  name: string;
  /** Part of every cache key: a new engine version never serves audio made by the old one. */
  version: string;
  /** Languages the engine has a voice for. */
  languages: CustomerLanguage[];
  /** The voice used for a language (part of the cache key). */
  voiceFor(language: CustomerLanguage): string;
  /** Writes the WAV to outFile; an aborted signal stops the program and rejects. */
  render(text: string, language: CustomerLanguage, outFile: string, signal?: AbortSignal): Promise<void>;
}

/** What a start-up check found: an engine ready to use, or why there is none. */
export type EngineDetection = { ok: true; engine: SpeechEngine; missingLanguages: CustomerLanguage[] } | { ok: false; reason: string };
