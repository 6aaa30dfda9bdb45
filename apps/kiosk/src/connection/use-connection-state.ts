import { useSyncExternalStore } from 'react';
import type { ConnectionState, LiveConnection } from './live-connection';

export function useConnectionState(connection: LiveConnection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}
