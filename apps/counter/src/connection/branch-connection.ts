import { LiveConnection } from '@rinda/shared/ui/connection';

export type { ConnectionState, ConnectionStatus } from '@rinda/shared/ui/connection';
export type { CommandInput } from '@rinda/shared';

/**
 * The counter's socket (the shared connection core) with a teller's session token: offline as soon as the
 * server is lost, so no button pretends to work; commands wait the core's usual 5 s for their ack.
 */
export class BranchConnection extends LiveConnection {
  constructor(token: string) {
    super({ credentials: { token }, offlineAfterMs: 0 });
  }
}
