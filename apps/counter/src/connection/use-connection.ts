import { useSyncExternalStore } from 'react';
import type { BranchConnection, ConnectionState } from './branch-connection';

export function useConnectionState(connection: BranchConnection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}
