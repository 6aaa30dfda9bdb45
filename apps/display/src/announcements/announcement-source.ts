import { AnnouncementRoute, type Announcement } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/**
 * Asks the server for a call's phrases and their audio (synthesised when the call was made, so this is
 * usually quick). null when the server cannot be asked or answers nonsense: the call is then shown with a
 * chime only. No clock decides when to give up: a busy server still answers (each of its renders is bounded),
 * so the call is waited for and heard whole; `whileConnected` aborts the request when the screen loses the server.
 */
export async function fetchAnnouncement(callId: string, token: string, whileConnected: AbortSignal): Promise<Announcement | null> {
  const reply = await callRoute(AnnouncementRoute, { params: { callId }, token, signal: whileConnected, cache: 'no-store' });
  return reply.ok ? reply.data : null;
}
