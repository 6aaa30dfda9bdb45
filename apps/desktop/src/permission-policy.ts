import type { ShellRole } from '@rinda/shared';

/** One permission question Electron asks the shell (a check: may the page know; a request: may it use). */
export interface PermissionQuestion {
  permission: string;
  kind: 'check' | 'request';
  /** The origin (or URL) of the asking page, as Electron gives it; undefined when it gives none. */
  from: string | undefined;
  /** For `media`: the media the check or request is about ('audio', 'video', 'unknown'). */
  mediaTypes: readonly string[];
}

/** What the shell was configured as. */
export interface PermissionScope {
  role: ShellRole;
  serverOrigin: string;
  /** The kiosk names a headset output (shell config `headsetOutput`). */
  hasHeadset: boolean;
}

function originOf(from: string | undefined): string | null {
  try {
    return from ? new URL(from).origin : null;
  } catch {
    return null;
  }
}

/**
 * Every web permission (camera, microphone, geolocation, notifications, clipboard, HID, ...) is refused: kiosk and
 * display pages need none. One exception, for the audio-guided mode's headset (apps/kiosk/src/speech/audio-output.ts):
 * a kiosk configured with a headset output lets the branch server's own page know the names of its audio devices (a
 * `media` check for audio) and choose its output (`speaker-selection`). A `media` request, which would open the
 * microphone, is refused always. Audio autoplay, which a display does need, is not a permission in Chromium; it is
 * granted to displays through the window's autoplayPolicy (see window-options.ts).
 */
export function isPermissionGranted(question: PermissionQuestion, scope: PermissionScope): boolean {
  if (scope.role !== 'kiosk' || !scope.hasHeadset || originOf(question.from) !== scope.serverOrigin) return false;
  if (question.permission === 'speaker-selection') return true;
  return question.permission === 'media' && question.kind === 'check' && question.mediaTypes.length === 1 && question.mediaTypes[0] === 'audio';
}
