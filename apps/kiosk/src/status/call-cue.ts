import { playChime, unlockAudio } from '@rinda/shared/ui/audio';

/**
 * A vibration and a two-tone chime. The chime is audible only once the page was touched (the sound button
 * unlocks audio); trying to unlock here costs nothing where it was.
 */
function cue(vibration: number[], frequencies: [number, number], toneSec: number, peak: number): void {
  navigator.vibrate?.(vibration);
  unlockAudio();
  playChime({ tones: frequencies.map((frequency, i) => ({ atSec: i * toneSec, frequency })), toneSec, peak });
}

/** "You are called": three vibrations and a short falling chime. */
export function playCallCue(): void {
  cue([400, 150, 400, 150, 400], [880, 660], 0.25, 0.4);
}

/** "Your turn is near": one long vibration and a rising chime, unlike the call's. */
export function playNearCue(): void {
  cue([600], [523, 784], 0.3, 0.3);
}
