import { useEffect, useState } from 'react';

/**
 * False for a moment after a screen appears. A double tap's second touch would otherwise land on
 * whatever button the new screen put under the finger and make a choice the customer never saw.
 */
export function useSettled(ms = 400): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return settled;
}
