import { useEffect, useRef } from 'react';
import type { CallView } from '@rinda/shared';
import { playCallCue } from './call-cue';

/**
 * Cues each call or recall of this ticket once, as it arrives. Calls already made when the page first
 * loaded, or resent in a snapshot after a reconnect, are not cued again.
 */
export function useCallCue(latestCall: CallView | undefined, loaded: boolean): void {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!loaded) return;
    if (seen.current === null) {
      seen.current = new Set(latestCall ? [latestCall.callId] : []);
      return;
    }
    if (latestCall && !seen.current.has(latestCall.callId)) {
      seen.current.add(latestCall.callId);
      playCallCue();
    }
  }, [latestCall, loaded]);
}
