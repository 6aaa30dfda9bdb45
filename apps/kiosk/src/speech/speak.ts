import type { CustomerLanguage } from '@rinda/shared';
import { speechPlayer } from './speech-player';

/**
 * Reads a text aloud with the server's speech synthesis, through the kiosk's one speech player (speech-player.ts).
 * Best effort: a kiosk without the route, without audio or with a failed request stays fully usable, silently.
 * Returns a function that stops the audio (the customer left).
 */
export function speak(language: CustomerLanguage, text: string, token: string | null): () => void {
  return speechPlayer(token).say([{ language, text }]);
}
