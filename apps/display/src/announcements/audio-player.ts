/** Why a clip did not play to its end. */
export type PlayOutcome = 'ended' | 'blocked' | 'failed';

/** The longest a single clip may take before it is given up (a stalled stream must not stop the queue). */
const CLIP_TIMEOUT_MS = 30_000;

/**
 * Plays one audio file to its end through a single reused <audio> element, so two clips can never
 * sound at once (the silent probe has its own). Resolves 'blocked' when the browser refuses to play without a user gesture.
 */
export class AudioPlayer {
  private readonly element = new Audio();

  /**
   * Whether the browser lets this page play sound now: starts a clip at volume 0 and stops it at once. It uses an
   * element of its own: a call arriving while the probe waits would otherwise be paused by it and never end.
   */
  async probe(url: string): Promise<'allowed' | 'blocked'> {
    // Volume 0, not `muted`: browsers let muted media play without a gesture, which would answer 'allowed' falsely.
    const audio = new Audio(url);
    audio.volume = 0;
    try {
      await audio.play();
      return 'allowed';
    } catch (error) {
      return error instanceof DOMException && error.name === 'NotAllowedError' ? 'blocked' : 'allowed';
    } finally {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
  }

  play(url: string): Promise<PlayOutcome> {
    const audio = this.element;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: PlayOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        audio.removeEventListener('ended', onEnded);
        audio.removeEventListener('error', onError);
        resolve(outcome);
      };
      const onEnded = () => finish('ended');
      const onError = () => finish('failed');
      const timer = setTimeout(() => {
        audio.pause();
        finish('failed');
      }, CLIP_TIMEOUT_MS);
      audio.addEventListener('ended', onEnded);
      audio.addEventListener('error', onError);
      audio.src = url;
      audio.play().catch((error: unknown) => finish(error instanceof DOMException && error.name === 'NotAllowedError' ? 'blocked' : 'failed'));
    });
  }
}
