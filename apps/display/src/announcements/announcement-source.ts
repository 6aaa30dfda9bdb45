import { z } from 'zod';
import { CustomerLanguage } from '@rinda/shared';

export const CHIME_URL = '/api/speech/chime.wav';

const Announcement = z.object({
  callId: z.string(),
  phrases: z.array(z.object({ language: CustomerLanguage, text: z.string(), audioUrl: z.string().nullable() })),
});
export type Announcement = z.infer<typeof Announcement>;

const FETCH_TIMEOUT_MS = 15_000;

/**
 * Asks the server for a call's phrases and their audio (synthesised when the call was made, so this is
 * quick). null when the server cannot be asked or answers nonsense: the call is then shown with a chime only.
 */
export async function fetchAnnouncement(callId: string, token: string): Promise<Announcement | null> {
  try {
    const response = await fetch(`/api/announcements/${encodeURIComponent(callId)}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const parsed = Announcement.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
