import type { CustomerLanguage } from '@rinda/shared';

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
      const url = speechUrl(await response.json());
      if (!url || abort.signal.aborted) return;
      audio = new Audio(url);
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

/** The reply must be {url: "/…"} on this server: never play audio from another origin. */
function speechUrl(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('url' in body)) return null;
  const { url } = body;
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : null;
}
