import type { AnnouncementPolicy } from '../config/branch-config';

/**
 * What a display plays for one call, clip by clip, given the queue behind it (issue #18: five calls at once were
 * heard over 49 s; a customer must hear their number within seconds).
 *
 * - `whole`: the chime, then every phrase (the branch's announcement languages in order), `repeatCount` times.
 * - `shorten`: the same while nothing waits. While another call waits, this call gets one sentence in the hall's
 *   first language (the brief form when the policy says so and it exists) and stops there; a call that follows a
 *   shortened one without a pause shares the group's chime instead of ringing its own.
 *
 * Asked before every clip with the queue as it is then: calls that arrive mid-announcement shorten what is left.
 */
export type SpokenClip = { kind: 'phrase'; index: number } | { kind: 'brief' };

export interface QueueNow {
  /** Calls waiting to be announced after this one. */
  waiting: number;
  /** Phrases with audio, the hall's first language first. */
  phraseCount: number;
  /** Whether the brief form (first language only) has audio. */
  hasBrief: boolean;
  repeatCount: number;
}

/**
 * Whether a call opens with the chime. `followsShortened`: the previous call ended its announcement with this one
 * already waiting, so the group had its chime. Decided at once, before the phrases have arrived.
 */
export function opensWithChime(policy: AnnouncementPolicy, followsShortened: boolean): boolean {
  return policy.whenCallsWait === 'whole' || !followsShortened;
}

/** The next sentence to say after those already `said`, or null when this call's announcement is over. */
export function nextSpokenClip(policy: AnnouncementPolicy, said: readonly SpokenClip[], now: QueueNow): SpokenClip | null {
  const shorten = policy.whenCallsWait === 'shorten';
  if (said.length === 0) {
    if (shorten && now.waiting > 0 && policy.briefWhileWaiting && now.hasBrief) return { kind: 'brief' };
    if (now.phraseCount > 0) return { kind: 'phrase', index: 0 };
    // No full sentence could be voiced, but the brief one was: better heard briefly than not at all.
    return now.hasBrief ? { kind: 'brief' } : null;
  }
  // The brief form stands for the whole call; once someone waits, one sentence is all a call gets.
  if (said.some((clip) => clip.kind === 'brief')) return null;
  if (shorten && now.waiting > 0) return null;
  const total = now.phraseCount * now.repeatCount;
  return said.length < total ? { kind: 'phrase', index: said.length % now.phraseCount } : null;
}

/**
 * Whether a finished announcement was cut short by calls waiting, so the next one belongs to the same group and
 * shares its chime. A call that said nothing (no voice on the server) was not cut: the next one rings, or it would
 * be shown in silence.
 */
export function endedShortened(policy: AnnouncementPolicy, said: readonly SpokenClip[], waitingAtEnd: number): boolean {
  return policy.whenCallsWait === 'shorten' && said.length > 0 && waitingAtEnd > 0;
}
