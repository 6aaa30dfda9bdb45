import { z } from 'zod';
import { CustomerLanguage } from '../languages';
import { SpeechReply } from '../protocol/views';
import { defineRoute } from './route';

/** The chime played before every call; public, like the audio files (see docs/SECURITY.md). */
export const CHIME_PATH = '/api/speech/chime.wav';
/** Synthesised phrases are served below this path, named by a hash of what they say. */
export const AUDIO_PATH = '/api/speech/audio/';

export const SpokenPhrase = z.object({
  language: CustomerLanguage,
  text: z.string(),
  /** null when no voice could say it (espeak-ng missing, or no voice for the language): show, stay silent. */
  audioUrl: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type SpokenPhrase = z.infer<typeof SpokenPhrase>;

export const Announcement = z.object({
  callId: z.string(),
  chimeUrl: z.string(),
  /** The full sentence in each announcement language, the hall's first language first. */
  phrases: z.array(SpokenPhrase),
  /** The short form in the hall's first language, said while other calls wait (display.announcementPolicy). */
  brief: SpokenPhrase.nullable(),
});
export type Announcement = z.infer<typeof Announcement>;

/** GET /api/announcements/:callId: the phrases of a recent call and their audio. An unknown call is NOT_FOUND. */
export const AnnouncementRoute = defineRoute({
  method: 'GET',
  path: '/api/announcements/:callId',
  roles: ['display', 'manager'],
  params: z.object({ callId: z.string().regex(/^\d{1,15}$/) }),
  reply: Announcement,
});

/** Kiosk read-outs and similar: long enough for a sentence or two, short enough to bound a synthesis. */
export const SpeakRequest = z.object({ language: CustomerLanguage, text: z.string().trim().min(1).max(300) });

/** POST /api/speech {language, text}: 503 INTERNAL when the server has no voice; 429 RATE_LIMITED past a device's rate. */
export const SpeechRoute = defineRoute({
  method: 'POST',
  path: '/api/speech',
  roles: ['kiosk', 'display'],
  body: SpeakRequest,
  reply: SpeechReply,
});
