import { pickHeadsetOutput } from '@rinda/shared';

/** Where the kiosk's voice goes: its loudspeaker (the system's default output) or the customer's headset. */
export type AudioOutput = 'speaker' | 'headset';

/** The system's default output, as `setSinkId` names it. */
const SPEAKER_SINK = '';

/** The parts of a media element and of `navigator.mediaDevices` routing needs (absent in an old browser). */
export interface SinkElement {
  readonly sinkId?: string;
  setSinkId?(sinkId: string): Promise<void>;
}
export interface DeviceList {
  enumerateDevices(): Promise<{ kind: string; deviceId: string; label: string }[]>;
  addEventListener(type: 'devicechange', listener: () => void): void;
}

/**
 * Sends the kiosk's speech to the headset output named in its settings (`headsetLabel`, shared/src/device/
 * headset-output.ts) while the audio-guided mode is on and that headset is plugged in, and to the loudspeaker
 * otherwise: the idle prompt and a sighted customer's read-out stay on the speaker, and a blind customer's guidance
 * goes to their ears when the kiosk has a headset. Follows `devicechange`: plugged in mid-visit, the rest is said in
 * the headset; pulled out, the speaker takes over (the text being said moves with it).
 *
 * A kiosk without a label never touches its output. The page needs the right to read device names (a kiosk
 * shell grants it; a plain browser needs the microphone permission for the kiosk's address, OPERATIONS.md), else it
 * sees no labels and speaks through the loudspeaker.
 */
export class AudioOutputRouter {
  private wanted: AudioOutput = 'speaker';
  private headsetId: string | null = null;
  private routed: AudioOutput = 'speaker';
  /** The last listing of outputs and the last change of output, done or failed: a text waits for both. */
  private listing: Promise<void> = Promise.resolve();
  private settled: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly element: SinkElement,
    private readonly headsetLabel: string | null,
    private readonly devices: DeviceList | undefined,
  ) {
    if (headsetLabel && devices) devices.addEventListener('devicechange', () => void this.refresh());
  }

  /** Where the voice goes now. */
  get output(): AudioOutput {
    return this.routed;
  }

  /** Resolves once the output last asked for is in place (or failed, and the speaker is kept). */
  ready(): Promise<void> {
    return this.listing.then(() => this.settled);
  }

  /** The customer's mode changed: the headset while the guide is on (if plugged in), else the speaker. */
  want(output: AudioOutput): Promise<void> {
    this.wanted = output;
    // Which outputs exist is asked again when the headset is wanted: it may have been plugged in while idle.
    return output === 'headset' ? this.refresh() : this.apply();
  }

  /** Lists the outputs again (one listing at a time, in order), then routes. */
  private refresh(): Promise<void> {
    const label = this.headsetLabel;
    const devices = this.devices;
    if (!label || !devices) return this.apply();
    this.listing = this.listing
      .then(async () => {
        const listed = await devices.enumerateDevices().catch(() => []);
        this.headsetId = pickHeadsetOutput(listed, label);
        if (!this.headsetId && !this.warned && listed.some((d) => d.kind === 'audiooutput' && d.label === '')) {
          this.warned = true;
          console.warn(`kiosk: a headset output "${label}" is configured, but this page may not read device names: speaking through the loudspeaker`);
        }
      })
      .then(() => this.apply());
    return this.listing;
  }

  private apply(): Promise<void> {
    const element = this.element;
    if (!element.setSinkId) return this.settled;
    this.settled = this.settled.then(async () => {
      // Decided when its turn comes, from the latest wish and the latest list of outputs.
      const target: AudioOutput = this.wanted === 'headset' && this.headsetId ? 'headset' : 'speaker';
      const sink = target === 'headset' ? this.headsetId! : SPEAKER_SINK;
      try {
        if ((element.sinkId ?? SPEAKER_SINK) !== sink) await element.setSinkId!(sink);
        this.routed = target;
      } catch (error) {
        // The headset went away between listing and routing: what it would have said goes to the speaker.
        console.warn('kiosk: could not change the audio output; using the loudspeaker', error);
        await element.setSinkId!(SPEAKER_SINK).catch(() => undefined);
        this.routed = 'speaker';
      }
    });
    return this.settled;
  }
}
