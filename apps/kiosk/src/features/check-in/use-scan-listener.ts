import { useEffect, useEffectEvent } from 'react';
import { continuesBurst, scanEndedBy, withKey, type Burst, type Scan } from './scan-recogniser';

type TextField = HTMLInputElement | HTMLTextAreaElement;

const textFieldOf = (el: Element | null): TextField | null => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null);

/** Puts a React-controlled field back to `value` (the setter React watches, then the input event it listens to). */
function restoreField(field: TextField, value: string): void {
  const proto = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Hears the kiosk's QR reader on every screen (the rule: scan-recogniser.ts). Listens before anything else on the
 * page (window, capture): a reader's keys after the first of a burst go no further, so the digits of an address
 * never choose on the screen (the audio guide's number keys); they still reach a focused field, as typing does.
 * A scan's Enter is the scan's alone: it submits no form, and a field the reader typed into gets its text back.
 * A reader-fast burst in a field that is no ticket is left to the field (its own code, say).
 */
export function useScanListener(enabled: boolean, onScan: (scan: Scan) => void): void {
  const scanned = useEffectEvent(onScan);
  useEffect(() => {
    if (!enabled) return;
    let burst: Burst | null = null;
    let fieldBefore: { field: TextField; value: string } | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        const scan = scanEndedBy(burst, e.timeStamp);
        const typedInto = fieldBefore;
        burst = null;
        fieldBefore = null;
        if (!scan || (scan.kind === 'unreadable' && textFieldOf(document.activeElement))) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        if (typedInto) restoreField(typedInto.field, typedInto.value);
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
      else {
        const field = textFieldOf(document.activeElement);
        fieldBefore = field ? { field, value: field.value } : null;
      }
      burst = withKey(burst, e.key, e.timeStamp);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
