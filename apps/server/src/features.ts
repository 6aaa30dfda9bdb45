import type { Router } from 'express';
import type { AppContext, TypedServer } from './app-context';
import { speechFeature } from './speech/speech-feature';
import { printingFeature } from './printing/printing-feature';
import { reportsFeature } from './reports/reports-feature';
import { adminFeature } from './admin/admin-feature';

/**
 * A feature plugs into the server here: HTTP routes on the app's router (mounted at `/`, before the
 * static apps) and socket handlers on the shared socket.io server. Routes check roles with
 * `ctx.auth.requireRole(...)`; socket handlers re-check `socket.data` on every event.
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

/** The one list of feature modules createApp mounts. Add yours with one line. */
export const features: FeatureModule[] = [speechFeature(), printingFeature(), reportsFeature(), adminFeature()];
