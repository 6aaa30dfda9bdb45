import { SpeechRoute, type CustomerLanguage } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { AudioOutputRouter, type AudioOutput } from './audio-output';

/** One text read aloud (or not), for tests and diagnostics: `window.__rindaSpeechLog`. */
export interface SpeechLogEntry {
  language: CustomerLanguage;
  text: string;
  /** When the kiosk asked for it. */
  requestedAt: number;
  /** When its audio started playing; null if it never did. */
  startedAt: number | null;
  endedAt: number | null;
  outcome: 'ended' | 'interrupted' | 'failed' | 'pending';
  /** Where it was played (audio-output.ts), and the audio element's `sinkId` then ('' is the system default); null if never played. */
  output: AudioOutput | null;
  sinkId: string | null;
}

export interface Utterance {
  language: CustomerLanguage;
  text: string;
}

/** After a refusal for rate (429) the newest utterance is asked again this much later, a few times at most. */
const RATE_RETRY_MS = 2500;
const RATE_RETRIES = 4;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The kiosk's one voice, through the server's espeak-ng (POST /api/speech → a WAV on the server). One utterance
 * sequence at a time: a new one (the customer moved on) interrupts what is being said, as a screen reader does.
 * The audio address of a text is remembered for the page's life, so a prompt said at every customer (the idle
 * prompt, language names) costs one of the device's rate-limited requests once, not each time. Best effort:
 * without the route, audio or a voice, the kiosk stays fully usable, silently.
 */
export class SpeechPlayer {
  readonly log: SpeechLogEntry[] = [];
  private readonly urls = new Map<string, Promise<string | null>>();
  private readonly audio = new Audio();
  private current: AbortController | null = null;
  private readonly router: AudioOutputRouter;

  constructor(
    private readonly token: string | null,
    headsetLabel: string | null = null,
  ) {
    this.router = new AudioOutputRouter(this.audio, headsetLabel, typeof navigator === 'undefined' ? undefined : navigator.mediaDevices);
  }

  /** The audio-guided mode started or ended: its speech goes to the kiosk's headset when one is plugged in. */
  useHeadset(on: boolean): void {
    void this.router.want(on ? 'headset' : 'speaker');
  }

  /** Says the texts in order, interrupting anything being said. Returns a function that stops it. */
  say(utterances: Utterance[]): () => void {
    this.stop();
    const abort = new AbortController();
    this.current = abort;
    void this.play(utterances, abort.signal);
    return () => {
      if (this.current === abort) this.stop();
    };
  }

  stop(): void {
    this.current?.abort();
    this.current = null;
    this.audio.pause();
  }

  private async play(utterances: Utterance[], signal: AbortSignal): Promise<void> {
    // Every text is asked for at once, so the second is ready when the first ends.
    const urls = utterances.map((u) => this.urlOf(u, signal));
    for (const [i, utterance] of utterances.entries()) {
      const entry: SpeechLogEntry = { ...utterance, requestedAt: Date.now(), startedAt: null, endedAt: null, outcome: 'pending', output: null, sinkId: null };
      this.log.push(entry);
      const url = await urls[i]!;
      if (signal.aborted) {
        entry.outcome = 'interrupted';
        return;
      }
      if (!url) {
        entry.outcome = 'failed';
        continue;
      }
      await this.router.ready();
      if (signal.aborted) {
        entry.outcome = 'interrupted';
        return;
      }
      entry.outcome = await this.playOne(url, signal, () => {
        entry.startedAt = Date.now();
        entry.output = this.router.output;
        entry.sinkId = this.audio.sinkId;
      });
      entry.endedAt = Date.now();
      if (entry.outcome === 'interrupted') return;
    }
  }

  private playOne(url: string, signal: AbortSignal, onStart: () => void): Promise<SpeechLogEntry['outcome']> {
    const audio = this.audio;
    return new Promise((resolve) => {
      const done = (outcome: SpeechLogEntry['outcome']) => {
        audio.removeEventListener('ended', onEnded);
        audio.removeEventListener('error', onError);
        audio.removeEventListener('playing', onPlaying);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onEnded = () => done('ended');
      const onError = () => done('failed');
      const onPlaying = () => onStart();
      const onAbort = () => done('interrupted');
      audio.addEventListener('ended', onEnded);
      audio.addEventListener('error', onError);
      audio.addEventListener('playing', onPlaying, { once: true });
      signal.addEventListener('abort', onAbort);
      audio.src = url;
      audio.play().catch(() => done(signal.aborted ? 'interrupted' : 'failed'));
    });
  }

  /** The audio address of a text, asked of the server once per page; null when there is no voice. */
  private urlOf(utterance: Utterance, signal: AbortSignal): Promise<string | null> {
    const key = `${utterance.language}\n${utterance.text}`;
    const known = this.urls.get(key);
    if (known) return known;
    const asked = this.ask(utterance, signal);
    this.urls.set(key, asked);
    // A failure is not remembered: the next customer may be luckier.
    void asked.then((url) => url === null && this.urls.delete(key));
    return asked;
  }

  private async ask(utterance: Utterance, signal: AbortSignal): Promise<string | null> {
    for (let attempt = 0; attempt <= RATE_RETRIES && !signal.aborted; attempt++) {
      try {
        const reply = await callRoute(SpeechRoute, { body: utterance, token: this.token, signal });
        // Only a path on this server is played (the reply's schema says so): never audio from another origin.
        if (reply.ok) return reply.data.url;
        if (reply.code !== 'RATE_LIMITED') return null;
      } catch {
        return null;
      }
      await sleep(RATE_RETRY_MS, signal);
    }
    return null;
  }
}

let player: SpeechPlayer | null = null;
let headsetLabel: string | null = null;

/** The kiosk's headset output (its label, from its settings), named before anything is said. */
export function setHeadsetOutput(label: string | null): void {
  headsetLabel = label;
}

declare global {
  interface Window {
    /** What the kiosk said and when: read by end-to-end tests and when checking a kiosk's audio guidance. */
    __rindaSpeechLog?: SpeechLogEntry[];
  }
}

/** The page's one speech player (one voice: two texts never sound at once). */
export function speechPlayer(token: string | null): SpeechPlayer {
  if (!player) {
    player = new SpeechPlayer(token, headsetLabel);
    window.__rindaSpeechLog = player.log;
  }
  return player;
}
