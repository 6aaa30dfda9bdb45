import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { AnnouncementRoute, AUDIO_PATH, CHIME_PATH, fail, ok, SpeechRoute, type DomainEvent, type QueueState } from '@rinda/shared';
import { chimeWav } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import { actorOf } from '../auth/principal';
import type { FeatureModule } from '../feature-module';
import { sendError } from '../http/http-errors';
import { serveRoute } from '../http/typed-route';
import { KeyedBuckets } from '../security/token-bucket';
import { loadRecentCalls } from '../store/hydrate';
import { createSpeechService, type SpeechService } from './speech-service';

const AudioFileParam = z.string().regex(/^[0-9a-f]{40}\.wav$/);
/** Displays ask for calls just made; the newest this many calls are searched. */
const CALL_LOOKUP_LIMIT = 200;

/** The call and recall events of a commit, as what is spoken for them. */
function spokenCalls(events: DomainEvent[], state: QueueState) {
  return events.flatMap((event) => {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return [];
    const ticket = state.tickets.get(event.ticketId);
    const counter = state.config.counters.find((c) => c.id === event.counterId);
    return ticket && counter ? [{ displayNumber: ticket.displayNumber, counterNumber: counter.number, language: ticket.language }] : [];
  });
}

function routes(router: Router, ctx: AppContext, speech: SpeechService): void {
  const chime = chimeWav();

  // Audio is public by design: file names are unguessable hashes handed only to enrolled devices, the
  // words are "number A 23, counter 3" (no personal data), and <audio src> cannot send a bearer token.
  router.get(CHIME_PATH, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('audio/wav').send(chime);
  });
  router.get(`${AUDIO_PATH}:file`, (req, res) => {
    const file = AudioFileParam.safeParse(req.params.file);
    if (!file.success) {
      sendError(res, 'NOT_FOUND', 'No such audio file');
      return;
    }
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(file.data, { root: speech.cacheDir }, (error) => {
      if (error && !res.headersSent) sendError(res, 'NOT_FOUND', 'No such audio file');
    });
  });

  const noSuchCall = { code: 'NOT_FOUND', message: 'No such recent call' } as const;
  serveRoute(
    router,
    ctx.auth,
    AnnouncementRoute,
    async ({ params: { callId } }) => {
      const config = ctx.config();
      const call = loadRecentCalls(ctx.db, config, CALL_LOOKUP_LIMIT).find((c) => c.callId === callId);
      if (!call) return fail(noSuchCall.code, noSuchCall.message);
      const [brief, phrases] = await Promise.all([speech.announceBrief(call, config), speech.announce(call, config)]);
      return ok({ callId: call.callId, chimeUrl: CHIME_PATH, phrases, brief });
    },
    { badParams: noSuchCall },
  );

  // Per device, before anything else: a kiosk reads one screen aloud per customer; a flood of new texts
  // would fill the render queue and the disk.
  const perDevice = new KeyedBuckets(ctx.limits.speechRequests);
  const speechRate: RequestHandler = (_req, res, next) => {
    const wait = perDevice.take(actorOf(ctx.auth.principalOf(res)), performance.now());
    if (wait === 0) return next();
    sendError(res, 'RATE_LIMITED', `Too many speech requests from this device; try again in ${Math.ceil(wait / 1000)} s`, wait);
  };
  serveRoute(
    router,
    ctx.auth,
    SpeechRoute,
    async ({ body }) => {
      const audio = await speech.speak(body.text, body.language);
      // 503 rather than 500: nothing broke, this server simply has no voice (espeak-ng missing).
      if (!audio) return { ...fail('INTERNAL', 'Speech is not available on this server'), status: 503 };
      return ok(audio);
    },
    { before: [speechRate] },
  );
}

/**
 * Announcements: synthesised on each call as it is committed, so a display asking a moment later gets
 * them at once. `espeakBinary` lets a test run a branch on a machine "without" espeak-ng.
 * Each app gets its own speech service (tests run several apps in one process), and close(ctx) stops only
 * that app's: it takes no more work and waits until nothing writes into the app's data directory.
 */
export function speechFeature(options: { espeakBinary?: string } = {}): FeatureModule {
  const running = new Map<AppContext, { speech: SpeechService; unsubscribe: () => void; cancel: () => void }>();
  return {
    name: 'speech',
    http(router, ctx) {
      const speech = createSpeechService(ctx.db.name, ctx.logger.child({ feature: 'speech' }), {
        espeakBinary: options.espeakBinary,
        maxCacheBytes: ctx.limits.speechCacheBytes,
      });
      // Started after the turn in which the calls were committed, not inside it: starting a synthesis wakes the
      // file-system threads and the program process, and on a busy machine a woken thread takes the CPU from the
      // server's thread, which still has the acks and the displays' writes of that turn to do (issue 22).
      let queued: { call: ReturnType<typeof spokenCalls>[number]; config: QueueState['config'] }[] = [];
      let deferred: NodeJS.Immediate | null = null;
      const presynthesise = () => {
        deferred = null;
        const calls = queued;
        queued = [];
        for (const { call, config } of calls) {
          // The brief form first: in a burst of calls it is what a display needs soonest.
          const presynthesised = [speech.announceBrief(call, config), speech.announce(call, config)];
          for (const work of presynthesised) work.catch((error: unknown) => ctx.logger.error({ err: error }, 'speech: pre-synthesis failed'));
        }
      };
      const unsubscribe = ctx.onCommitted((events, state) => {
        for (const call of spokenCalls(events, state)) queued.push({ call, config: state.config });
        if (queued.length > 0) deferred ??= setImmediate(presynthesise);
      });
      const cancel = () => {
        if (deferred) clearImmediate(deferred);
        deferred = null;
        queued = [];
      };
      running.set(ctx, { speech, unsubscribe, cancel });
      routes(router, ctx, speech);
    },
    async close(ctx) {
      const app = running.get(ctx);
      running.delete(ctx);
      app?.unsubscribe();
      app?.cancel();
      await app?.speech.stop();
    },
  };
}
