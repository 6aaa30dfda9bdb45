/**
 * The audio-guided mode's keys, as a pure rule: a blind customer uses a small set that a kiosk keypad and a
 * keyboard both have. Arrows move between the screen's controls (wrapping around, so no end is a dead end),
 * Enter (or Space) activates the one reached, a digit 1–9 chooses that choice straight away, 0 (or Escape, where
 * digits are typed into a code) goes back.
 */
export type GuideCommand = { kind: 'move'; by: 1 | -1 } | { kind: 'activate' } | { kind: 'choose'; index: number } | { kind: 'back' } | null;

export function guideCommand(key: string): GuideCommand {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'move', by: 1 };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'move', by: -1 };
    case 'Enter':
    case ' ':
      return { kind: 'activate' };
    case '0':
    case 'Escape':
      return { kind: 'back' };
    default:
      return /^[1-9]$/.test(key) ? { kind: 'choose', index: Number(key) - 1 } : null;
  }
}

/**
 * On a screen that takes a typed code (the phone ticket's check-in), these keys belong to its field: the number
 * keys type the code, Backspace erases, Enter sends it (Enter on a button is still that button).
 */
export function typesIntoField(key: string, onButton: boolean): boolean {
  return /^\d$/.test(key) || key === 'Backspace' || (key === 'Enter' && !onButton);
}

/** The control an arrow reaches from `current` (-1: none focused yet) among `count`, wrapping at both ends. */
export function movedFocus(current: number, count: number, by: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0) return by === 1 ? 0 : count - 1;
  return (current + by + count) % count;
}

/** How long a press (touch anywhere, or Enter) is held to start the audio-guided mode. */
export const LONG_PRESS_MS = 2000;
/** A touch that wanders further than this is a scroll or a swipe, not a long press. */
export const LONG_PRESS_SLOP_PX = 24;

/**
 * Texts the speech route takes at most 300 characters each (SpeakRequest): sentences packed greedily into as few
 * requests as fit, so a screen costs one or two of the kiosk's rate-limited requests rather than one per choice.
 * A single sentence longer than the limit is cut at a word boundary.
 */
export function packUtterances(sentences: string[], max = 300): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of sentences) {
    let sentence = raw.trim();
    if (!sentence) continue;
    if (sentence.length > max) sentence = `${sentence.slice(0, sentence.lastIndexOf(' ', max - 1) > 0 ? sentence.lastIndexOf(' ', max - 1) : max - 1)}…`;
    if (current && current.length + 1 + sentence.length > max) {
      out.push(current);
      current = sentence;
    } else current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) out.push(current);
  return out;
}
