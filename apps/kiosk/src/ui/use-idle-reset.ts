import { useEffect } from 'react';

/** Calls onIdle after `seconds` with no touch, click or key: a customer who walked away leaves no half-made choice. */
export function useIdleReset(active: boolean, seconds: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(onIdle, seconds * 1000);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, seconds * 1000);
    };
    window.addEventListener('pointerdown', restart);
    window.addEventListener('keydown', restart);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', restart);
      window.removeEventListener('keydown', restart);
    };
  }, [active, seconds, onIdle]);
}
