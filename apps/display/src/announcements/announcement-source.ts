import { z } from 'zod';
import { CustomerLanguage } from '@rinda/shared';

export const CHIME_URL = '/api/speech/chime.wav';

const Announcement = z.object({
  callId: z.string(),
  phrases: z.array(z.object({ language: CustomerLanguage, text: z.string(), audioUrl: z.string().nullable() })),
});
export type Announcement = z.infer<typeof Announcement>;

/**
 * Asks the server for a call's phrases and their audio (synthesised when the call was made, so this is
 * usually quick). null when the server cannot be asked or answers nonsense: the call is then shown with a
 * chime only. No clock decides when to give up: a busy server still answers (each of its renders is bounded),
 * so the call is waited for and heard whole; `whileConnected` aborts the request when the screen loses the server.
 */
export async function fetchAnnouncement(callId: string, token: string, whileConnected: AbortSignal): Promise<Announcement | null> {
  try {
    const response = await fetch(`/api/announcements/${encodeURIComponent(callId)}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal: whileConnected,
    });
    if (!response.ok) return null;
    const parsed = Announcement.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
