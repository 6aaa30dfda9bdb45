import type { AnnouncementPolicy, CallView, SpokenPhrase } from '@rinda/shared';
import { CHIME_PATH, endedShortened, nextSpokenClip, opensWithChime, type Announcement, type SpokenClip } from '@rinda/shared';
import type { AudioPlayer, PlayOutcome } from './audio-player';

/** One clip played (or refused), for tests and diagnostics: `window.__rindaPlayLog`. */
export interface PlayLogEntry {
  callId: string;
  displayNumber: string;
  counterNumber: number;
  /** `brief`: the short form said while other calls wait (display.announcementPolicy). */
  kind: 'chime' | 'phrase' | 'brief';
  language: string | null;
  url: string;
  startedAt: number;
  endedAt: number;
  outcome: PlayOutcome;
}

export interface AnnouncerState {
  /** The call being announced now: the screen flashes it. */
  announcing: { callId: string; ticketId: string } | null;
  /** The browser refuses to play sound until someone clicks: show the banner. */
  soundBlocked: boolean;
}

export interface PlayQueueDeps {
  player: AudioPlayer;
  fetchAnnouncement(callId: string): Promise<Announcement | null>;
  /** Read at each announcement, so a configuration change applies to the next call. */
  repeatCount(): number;
  /** What a call gets while others wait; read at each announcement like repeatCount. */
  policy(): AnnouncementPolicy;
}

/** A call with no sound to play (blocked, or no voice) is still given its moment on screen, in turn. */
const SILENT_ANNOUNCEMENT_MS = 4000;
/** A breath between two calls, so they never run together. */
const GAP_BETWEEN_CALLS_MS = 500;
/** Within a group of waiting calls espeak-ng's own trailing silence (about 0.4 s) is breath enough: time is short. */
const GAP_IN_GROUP_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one play queue of a display: one call at a time, in the order the calls were made, never two clips at
 * once. What each call gets (the chime, which sentences, how many times) is the branch's announcement policy
 * (shared/src/rules/announcement-plan.ts), asked before every clip with the queue as it is then: with nothing
 * waiting a call is said whole; in a burst each is said briefly so every customer hears their number soon. The
 * phrases are fetched as soon as a call arrives so the queue rarely waits for the server.
 */
export class PlayQueue {
  readonly log: PlayLogEntry[] = [];
  private readonly pending: { call: CallView; announcement: Promise<Announcement | null> }[] = [];
  private running = false;
  private state: AnnouncerState = { announcing: null, soundBlocked: false };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: PlayQueueDeps) {}

  getState = (): AnnouncerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  enqueue(call: CallView): void {
    this.pending.push({ call, announcement: this.deps.fetchAnnouncement(call.callId) });
    if (!this.running) void this.drain();
  }

  /** Checks at start whether the browser lets this page play sound, so the banner shows before the first call. */
  async checkSound(): Promise<void> {
    if (this.running) return;
    if ((await this.deps.player.probe(CHIME_PATH)) === 'blocked') this.set({ soundBlocked: true });
  }

  /** From the banner's click (a user gesture): sound is now allowed; confirm it with the chime when idle. */
  async enableSound(): Promise<void> {
    if (this.running) {
      this.set({ soundBlocked: false });
      return;
    }
    const outcome = await this.deps.player.play(CHIME_PATH);
    this.set({ soundBlocked: outcome === 'blocked' });
  }

  private set(next: Partial<AnnouncerState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      let followsShortened = false;
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const said = await this.announce(next.call, next.announcement, followsShortened);
        followsShortened = endedShortened(this.deps.policy(), said, this.pending.length);
        await sleep(followsShortened ? GAP_IN_GROUP_MS : GAP_BETWEEN_CALLS_MS);
      }
    } finally {
      this.running = false;
      this.set({ announcing: null });
    }
  }

  /** Announces one call; returns the sentences said, which decide whether the next call shares this one's chime. */
  private async announce(call: CallView, pending: Promise<Announcement | null>, followsShortened: boolean): Promise<SpokenClip[]> {
    const started = Date.now();
    const policy = this.deps.policy();
    // The chime needs nothing from the server's speech, so the call is shown and chimed while its phrases may still be on the way.
    this.set({ announcing: { callId: call.callId, ticketId: call.ticketId } });
    let heard = opensWithChime(policy, followsShortened) && (await this.playClip(call, 'chime', null, CHIME_PATH)) === 'ended';
    const announcement = await pending;
    const voiced = (phrase: SpokenPhrase | null | undefined) => (phrase?.audioUrl ? { language: phrase.language, url: phrase.audioUrl } : null);
    const phrases = (announcement?.phrases ?? []).flatMap((p) => voiced(p) ?? []);
    const brief = voiced(announcement?.brief);
    const said: SpokenClip[] = [];
    const queueNow = () => ({ waiting: this.pending.length, phraseCount: phrases.length, hasBrief: brief !== null, repeatCount: this.deps.repeatCount() });
    for (let clip = nextSpokenClip(policy, said, queueNow()); clip && !this.state.soundBlocked; clip = nextSpokenClip(policy, said, queueNow())) {
      said.push(clip);
      const { language, url } = clip.kind === 'brief' ? brief! : phrases[clip.index]!;
      if ((await this.playClip(call, clip.kind, language, url)) === 'ended') heard = true;
    }
    if (!heard) await sleep(Math.max(0, SILENT_ANNOUNCEMENT_MS - (Date.now() - started)));
    return said;
  }

  private async playClip(call: CallView, kind: PlayLogEntry['kind'], language: string | null, url: string): Promise<PlayOutcome> {
    const startedAt = Date.now();
    // Always tried, even while blocked: a refusal is immediate, and sound may have been allowed since.
    const outcome = await this.deps.player.play(url);
    if ((outcome === 'blocked') !== this.state.soundBlocked && outcome !== 'failed') this.set({ soundBlocked: outcome === 'blocked' });
    this.log.push({
      callId: call.callId,
      displayNumber: call.displayNumber,
      counterNumber: call.counterNumber,
      kind,
      language,
      url,
      startedAt,
      endedAt: Date.now(),
      outcome,
    });
    return outcome;
  }
}
