import { SpeechRoute, type CustomerLanguage } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/**
 * Reads a text aloud with the server's speech synthesis (POST /api/speech → {url}). Best effort: a kiosk
 * without the route, without audio or with a failed request stays fully usable, silently.
 * Returns a function that stops the audio (the customer left).
 */
export function speak(language: CustomerLanguage, text: string, token: string | null): () => void {
  const abort = new AbortController();
  let audio: HTMLAudioElement | null = null;
  void (async () => {
    try {
      const reply = await callRoute(SpeechRoute, { body: { language, text }, token, signal: abort.signal });
      // Only a path on this server is played (the reply's schema says so): never audio from another origin.
      if (!reply.ok || abort.signal.aborted) return;
      audio = new Audio(reply.data.url);
      await audio.play();
    } catch {
      // Silence is the fallback: the result is on screen and on paper.
    }
  })();
  return () => {
    abort.abort();
    audio?.pause();
  };
}
