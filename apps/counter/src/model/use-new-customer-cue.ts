import { useEffect, useRef, useState } from 'react';
import { playNewCustomerBeep } from '../sound/new-customer-beep';

/**
 * Beeps and raises the visual cue when this counter's queue goes from empty to someone waiting.
 * The cue stays until the teller has a customer or the queue is empty again, so a look away
 * does not miss it.
 */
export function useNewCustomerCue(waiting: number, hasCustomer: boolean): boolean {
  const previous = useRef(waiting);
  const [cue, setCue] = useState(false);
  useEffect(() => {
    if (previous.current === 0 && waiting > 0) {
      playNewCustomerBeep();
      setCue(true);
    }
    if (waiting === 0 || hasCustomer) setCue(false);
    previous.current = waiting;
  }, [waiting, hasCustomer]);
  return cue && waiting > 0 && !hasCustomer;
}
