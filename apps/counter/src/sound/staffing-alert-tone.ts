import { playChime } from '@rinda/shared/ui/audio';

/** Three falling tones, unlike the new-customer beep: a staffing alert, not a customer. */
export function playStaffingAlertTone(): void {
  playChime({
    tones: [
      { atSec: 0, frequency: 880 },
      { atSec: 0.18, frequency: 740 },
      { atSec: 0.36, frequency: 587 },
    ],
    toneSec: 0.16,
    peak: 0.3,
  });
}
