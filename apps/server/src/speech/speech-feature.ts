import type { Router } from 'express';
import { z } from 'zod';
import { CustomerLanguage, fail, type DomainEvent, type QueueState } from '@rinda/shared';
import { chimeWav } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import type { FeatureModule } from '../features';
import { describeIssues, sendError } from '../http/http-errors';
import { loadRecentCalls } from '../store/hydrate';
import { AUDIO_PATH, CHIME_PATH, createSpeechService, type SpeechService } from './speech-service';

/** Kiosk read-outs and similar: long enough for a sentence or two, short enough to bound a synthesis. */
export const SpeakRequest = z.object({ language: CustomerLanguage, text: z.string().trim().min(1).max(300) });
const CallIdParam = z.string().regex(/^\d{1,15}$/);
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

  router.get('/api/announcements/:callId', ctx.auth.requireRole('display', 'manager'), async (req, res) => {
    const callId = CallIdParam.safeParse(req.params.callId);
    const config = ctx.config();
    const call = callId.success ? loadRecentCalls(ctx.db, config, CALL_LOOKUP_LIMIT).find((c) => c.callId === callId.data) : undefined;
    if (!call) {
      sendError(res, 'NOT_FOUND', 'No such recent call');
      return;
    }
    res.json({ callId: call.callId, chimeUrl: CHIME_PATH, phrases: await speech.announce(call, config) });
  });

  router.post('/api/speech', ctx.auth.requireRole('kiosk', 'display'), async (req, res) => {
    const body = SpeakRequest.safeParse(req.body);
    if (!body.success) {
      sendError(res, 'BAD_REQUEST', describeIssues(body.error));
      return;
    }
    const audio = await speech.speak(body.data.text, body.data.language);
    if (!audio) {
      // 503 rather than 500: nothing broke, this server simply has no voice (espeak-ng missing).
      res.status(503).json(fail('INTERNAL', 'Speech is not available on this server'));
      return;
    }
    res.json(audio);
  });
}

/**
 * Announcements: synthesised on each call as it is committed, so a display asking a moment later gets
 * them at once. `espeakBinary` lets a test run a branch on a machine "without" espeak-ng.
 * Each app gets its own speech service (tests run several apps in one process), and close(ctx) stops only
 * that app's: it takes no more work and waits until nothing writes into the app's data directory.
 */
export function speechFeature(options: { espeakBinary?: string } = {}): FeatureModule {
  const running = new Map<AppContext, { speech: SpeechService; unsubscribe: () => void }>();
  return {
    name: 'speech',
    http(router, ctx) {
      const speech = createSpeechService(ctx.db.name, ctx.logger.child({ feature: 'speech' }), options.espeakBinary);
      const unsubscribe = ctx.onCommitted((events, state) => {
        for (const call of spokenCalls(events, state))
          speech.announce(call, state.config).catch((error: unknown) => ctx.logger.error({ err: error }, 'speech: pre-synthesis failed'));
      });
      running.set(ctx, { speech, unsubscribe });
      routes(router, ctx, speech);
    },
    async close(ctx) {
      const app = running.get(ctx);
      running.delete(ctx);
      app?.unsubscribe();
      await app?.speech.stop();
    },
  };
}
