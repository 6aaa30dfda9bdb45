import type { Router } from 'express';
import type { AppContext, TypedServer } from './app-context';

/**
 * A feature plugs into the server here: HTTP routes on the app's router (mounted at `/`, before the
 * static apps) and its own use of the shared socket.io server (timers, server-side emits). Routes are
 * defined in shared/src/http and served with `serveRoute` (http/typed-route.ts), which checks the roles
 * their definition names. Client events do not reach a feature's listeners: every one is rate-limited and
 * answered by the dispatcher in realtime/socket-server.ts, so a new client event is a command in
 * CommandSchemas. The list of modules is features.ts.
 */
export interface FeatureModule {
  name: string;
  http?(router: Router, ctx: AppContext): void;
  socket?(io: TypedServer, ctx: AppContext): void;
  /**
   * Called on close(), before the database closes: stop timers, close child processes. `ctx` says which app
   * closes: the list is one per process, and tests run several apps in one process.
   */
  close?(ctx: AppContext): Promise<void> | void;
}
