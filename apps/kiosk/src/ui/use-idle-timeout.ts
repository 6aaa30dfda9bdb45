import { useEffect, useState } from 'react';

/** No screen starts over sooner than this after the customer's last touch or key, whatever is configured. */
export const MIN_IDLE_SEC = 20;
/** How long "Do you need more time?" waits for any touch or key before the screen starts over (WCAG 2.2.1: ≥ 20 s). */
export const MORE_TIME_SEC = 20;

/**
 * A customer who walked away leaves no half-made choice, and one who is still there is never cut off: after
 * `seconds` (at least MIN_IDLE_SEC) with no touch, click or key the screen asks "Do you need more time?"
 * (`asking` is true); any touch or key answers it (and does nothing else) and starts the time again; no answer in MORE_TIME_SEC and
 * onTimeout runs.
 */
export function useIdleTimeout(active: boolean, seconds: number, onTimeout: () => void): { asking: boolean } {
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    setAsking(false);
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    let questionShown = false;
    const wait = () => {
      clearTimeout(timer);
      questionShown = false;
      setAsking(false);
      timer = setTimeout(ask, Math.max(MIN_IDLE_SEC, seconds) * 1000);
    };
    const ask = () => {
      questionShown = true;
      setAsking(true);
      timer = setTimeout(onTimeout, MORE_TIME_SEC * 1000);
    };
    // A touch answering the question removes it only as the finger lifts: removed at the touch, the screen under it
    // would take the lift as its own touch (the result ends on one).
    const onPointerDown = () => (questionShown ? clearTimeout(timer) : wait());
    const onPointerUp = () => questionShown && wait();
    // A key answering the question is only the answer: it goes no further, so a digit or Enter (the audio guide's
    // choices) never also chooses on the screen under the question.
    const onKeyDown = (e: KeyboardEvent) => {
      if (questionShown) {
        e.preventDefault();
        e.stopPropagation();
      }
      wait();
    };
    wait();
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('pointerup', onPointerUp, true);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('pointerup', onPointerUp, true);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [active, seconds, onTimeout]);
  return { asking: active && asking };
}
