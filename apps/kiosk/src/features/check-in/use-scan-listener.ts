import { useEffect, useEffectEvent } from 'react';
import { continuesBurst, scanEndedBy, withKey, type Burst, type Scan } from './scan-recogniser';

const inTextField = () => document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;

/**
 * Hears the kiosk's QR reader on every screen (the rule: scan-recogniser.ts). Listens before anything else on the
 * page (window, capture): a reader's keys after the first of a burst go no further, so the digits of an address
 * never choose on the screen (the audio guide's number keys); they still reach a focused field, as typing does.
 * A scan's Enter is the scan's alone: it submits no form (the outcome shows in place of the screen, which comes back
 * new, its field empty). A reader-fast burst in a field that is no ticket is left to the field (its own code, say).
 */
export function useScanListener(enabled: boolean, onScan: (scan: Scan) => void): void {
  const scanned = useEffectEvent(onScan);
  useEffect(() => {
    if (!enabled) return;
    let burst: Burst | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        const scan = scanEndedBy(burst, e.timeStamp);
        burst = null;
        if (!scan || (scan.kind === 'unreadable' && inTextField())) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        scanned(scan);
        return;
      }
      // Shift comes with a reader's capitals and breaks nothing; any other key that types nothing ends the burst.
      if (e.key === 'Shift') return;
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey) {
        burst = null;
        return;
      }
      if (continuesBurst(burst, e.timeStamp)) e.stopImmediatePropagation();
      burst = withKey(burst, e.key, e.timeStamp);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
