import { useEffect, useState } from 'react';
import type { LiveConnection } from '../connection/live-connection';
import { RefreshPacer } from './refresh-pacer';
import { fetchPosition, type PositionResult } from './ticket-position';

/** The queue moving on is asked about at most this often (the page's own ticket changing, at once). */
export const POSITION_REFRESH_MS = 3000;

/**
 * The ticket's place in the queue and its wait, fetched at start, after every (re)connect and when its own
 * ticket changes, and paced while the rest of the queue moves (see RefreshPacer).
 */
export function useTicketPosition(connection: LiveConnection, ticketId: string): PositionResult | null {
  const [result, setResult] = useState<PositionResult | null>(null);
  useEffect(() => {
    let latest = new AbortController();
    const pacer = new RefreshPacer(() => {
      latest.abort();
      latest = new AbortController();
      const { signal } = latest;
      void fetchPosition(ticketId, signal).then((r) => {
        if (!signal.aborted) setResult(r);
      });
    }, POSITION_REFRESH_MS);
    pacer.askNow();
    let wasOnline = connection.getState().status === 'online';
    const stopState = connection.subscribe(() => {
      // Every (re)connect brings a fresh snapshot: the position may have moved while the page was away.
      const online = connection.getState().status === 'online';
      if (online && !wasOnline) pacer.askNow();
      wasOnline = online;
    });
    // The page's room gets its own ticket's changes; every other broadcast is the queue (or the branch) moving.
    const stopBroadcasts = connection.onBroadcast(({ event }) => (event === 'ticket:called' || event === 'ticket:updated' ? pacer.askNow() : pacer.soon()));
    return () => {
      latest.abort();
      pacer.cancel();
      stopState();
      stopBroadcasts();
    };
  }, [connection, ticketId]);
  return result;
}
