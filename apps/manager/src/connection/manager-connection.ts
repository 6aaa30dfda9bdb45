import { LiveConnection } from '@rinda/shared/ui/connection';

/** The manager's socket (the shared connection core) with a manager's session token: offline as soon as the server is lost. */
export class ManagerConnection extends LiveConnection {
  constructor(token: string) {
    super({ credentials: { token }, offlineAfterMs: 0 });
  }
}
