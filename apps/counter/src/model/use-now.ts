import { useEffect, useState } from 'react';

/** The current time on the server's clock, re-rendering every second so waits tick live. */
export function useNow(clockOffsetMs: number): number {
  const [local, setLocal] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLocal(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return local + clockOffsetMs;
}
