import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '@rinda/shared';
import { runInProgramProcess } from '../programs/program-process';
import type { EngineDetection, SpeechEngine } from './speech-engine';

/** espeak-ng voice per customer language. */
const VOICES: Record<CustomerLanguage, string> = { lv: 'lv', lt: 'lt', pl: 'pl', ru: 'ru', uk: 'uk', en: 'en-gb' };
/** Words per minute: a little slower than espeak's 175 so a number carries across a noisy hall. */
const SPEED_WPM = 150;
const RENDER_TIMEOUT_MS = 15_000;

/**
 * The program starts from the program process, not the server's: starting it would otherwise stall every call.
 * That process and its programs run at a lower priority (PROGRAM_PROCESS_NICE): a burst of calls must never slow
 * the calls down.
 * An abort answers only once the program has exited, so a caller told "stopped" may delete the directory
 * it was writing into.
 */
function run(binary: string, args: string[], options: { stdin?: string; signal?: AbortSignal } = {}): Promise<string> {
  const { stdin = '', signal } = options;
  return runInProgramProcess({ binary, args, stdin, timeoutMs: RENDER_TIMEOUT_MS }, signal);
}

/** Finds espeak-ng and which of the six voices it has; a missing program is a result, not a throw. */
export async function detectEspeak(binary = 'espeak-ng'): Promise<EngineDetection> {
  let versionText: string;
  try {
    versionText = await run(binary, ['--version']);
  } catch (error) {
    return { ok: false, reason: `${binary} not found or not working (${(error as Error).message})` };
  }
  const version = /text-to-speech:\s*(\S+)/.exec(versionText)?.[1] ?? versionText.trim();
  const voiceList = await run(binary, ['--voices']);
  const installed = new Set(voiceList.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[1]).filter(Boolean));
  const languages = CUSTOMER_LANGUAGES.filter((l) => installed.has(VOICES[l]));
  const missingLanguages = CUSTOMER_LANGUAGES.filter((l) => !installed.has(VOICES[l]));
  if (languages.length === 0) return { ok: false, reason: `${binary} ${version} has none of the voices ${Object.values(VOICES).join(', ')}` };
  const engine: SpeechEngine = {
    name: 'espeak-ng',
    version,
    languages,
    voiceFor: (language) => VOICES[language],
    render: async (text, language, outFile, signal) => {
      // -b 1: the input is UTF-8 (ā, ė, ł, ы, ї).
      await run(binary, ['-v', VOICES[language], '-s', String(SPEED_WPM), '-b', '1', '-w', outFile, '--stdin'], { stdin: text, signal });
    },
  };
  return { ok: true, engine, missingLanguages };
}
