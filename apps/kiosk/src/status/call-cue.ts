import { playChime, unlockAudio } from '@rinda/shared/ui/audio';

/**
 * "You are called": a vibration and a short falling two-tone chime. The chime is audible only once the
 * page was touched (the sound button unlocks audio); trying to unlock here costs nothing where it was.
 */
export function playCallCue(): void {
  navigator.vibrate?.([400, 150, 400, 150, 400]);
  unlockAudio();
  playChime({
    tones: [
      { atSec: 0, frequency: 880 },
      { atSec: 0.25, frequency: 660 },
    ],
    toneSec: 0.25,
    peak: 0.4,
  });
}
