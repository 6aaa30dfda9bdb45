import { useEffect, useState } from 'react';

/** The branch's local time (its time zone, not the screen's), to the minute. */
export function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return (
    <time className="clock" data-testid="clock">
      {text}
    </time>
  );
}
