import { playChime } from '@rinda/shared/ui/audio';

/** Two short rising tones: noticeable at a desk, too short to disturb the customer in front. */
export function playNewCustomerBeep(): void {
  playChime({
    tones: [
      { atSec: 0, frequency: 660 },
      { atSec: 0.16, frequency: 880 },
    ],
    toneSec: 0.15,
    peak: 0.3,
  });
}
