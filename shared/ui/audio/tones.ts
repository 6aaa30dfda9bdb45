// One AudioContext per page. Browsers keep a page silent until it was touched, so the context is created
// (or resumed) on a user gesture: a teller's sign-in, a tap on the phone's sound button.
let context: AudioContext | null = null;

/** Creates or resumes the page's audio; false where the browser offers no Web Audio. */
export function unlockAudio(): boolean {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return true;
  } catch {
    return false;
  }
}

export interface Chime {
  /** Each tone's start, in seconds from now, and its pitch in Hz. */
  tones: readonly { atSec: number; frequency: number }[];
  toneSec: number;
  /** Loudness at the top of each tone, 0–1. */
  peak: number;
}

/** Plays short tones with a quick rise and fade (a hard start or stop clicks); silent until audio was unlocked. */
export function playChime({ tones, toneSec, peak }: Chime): void {
  if (!context) return;
  const start = context.currentTime;
  for (const { atSec, frequency } of tones) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + atSec);
    gain.gain.exponentialRampToValueAtTime(peak, start + atSec + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + atSec + toneSec * 0.9);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + atSec);
    oscillator.stop(start + atSec + toneSec);
  }
}
