import { useEffect, useState } from 'react';
import type { LiveConnection } from '../connection/live-connection';
import { fetchPosition, type PositionResult } from './ticket-position';

/** The ticket's place in the queue, fetched at start, after every (re)connect and on every broadcast received. */
export function useTicketPosition(connection: LiveConnection, ticketId: string): PositionResult | null {
  const [result, setResult] = useState<PositionResult | null>(null);
  useEffect(() => {
    let latest = new AbortController();
    const refresh = () => {
      latest.abort();
      latest = new AbortController();
      const { signal } = latest;
      void fetchPosition(ticketId, signal).then((r) => {
        if (!signal.aborted) setResult(r);
      });
    };
    refresh();
    let wasOnline = connection.getState().status === 'online';
    const stopState = connection.subscribe(() => {
      // Every (re)connect brings a fresh snapshot: the position may have moved while the page was away.
      const online = connection.getState().status === 'online';
      if (online && !wasOnline) refresh();
      wasOnline = online;
    });
    const stopBroadcasts = connection.onBroadcast(refresh);
    return () => {
      latest.abort();
      stopState();
      stopBroadcasts();
    };
  }, [connection, ticketId]);
  return result;
}
