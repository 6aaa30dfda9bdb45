import { SpeechReply, type CustomerLanguage } from '@rinda/shared';

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
      const response = await fetch('/api/speech', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ language, text }),
        signal: abort.signal,
      });
      if (!response.ok) return;
      // Only a path on this server is played: never audio from another origin.
      const reply = SpeechReply.safeParse(await response.json());
      if (!reply.success || abort.signal.aborted) return;
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
