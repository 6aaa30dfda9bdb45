import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNOUNCEMENT_POLICY, type AnnouncementPolicy } from '../config/branch-config';
import { endedShortened, nextSpokenClip, opensWithChime, type QueueNow, type SpokenClip } from './announcement-plan';

type AnnouncementClip = SpokenClip | { kind: 'chime' };

const SHORTEN: AnnouncementPolicy = DEFAULT_ANNOUNCEMENT_POLICY;
const SHORTEN_FULL_SENTENCE: AnnouncementPolicy = { whenCallsWait: 'shorten', briefWhileWaiting: false };
const WHOLE: AnnouncementPolicy = { whenCallsWait: 'whole', briefWhileWaiting: true };
const QUIET: QueueNow & { followsShortened: boolean } = { waiting: 0, followsShortened: false, phraseCount: 2, hasBrief: true, repeatCount: 1 };

/** Plays a call to its end; `waitingAt(i)` is how many calls wait when the i-th clip is chosen. */
function plan(policy: AnnouncementPolicy, now: QueueNow & { followsShortened: boolean }, waitingAt: (i: number) => number = () => now.waiting): AnnouncementClip[] {
  const played: AnnouncementClip[] = opensWithChime(policy, now.followsShortened) ? [{ kind: 'chime' }] : [];
  const said: SpokenClip[] = [];
  for (let clip = nextSpokenClip(policy, said, { ...now, waiting: waitingAt(played.length) }); clip; clip = nextSpokenClip(policy, said, { ...now, waiting: waitingAt(played.length) })) {
    said.push(clip);
    played.push(clip);
    if (played.length > 100) throw new Error('the plan never ends');
  }
  return played;
}

const chime = { kind: 'chime' } as const;
const brief = { kind: 'brief' } as const;
const phrase = (index: number) => ({ kind: 'phrase', index }) as const;

describe('what a display says for a call', () => {
  it('with nothing waiting: the chime, then every language in order, as many times as configured', () => {
    expect(plan(SHORTEN, QUIET)).toEqual([chime, phrase(0), phrase(1)]);
    expect(plan(SHORTEN, { ...QUIET, repeatCount: 2 })).toEqual([chime, phrase(0), phrase(1), phrase(0), phrase(1)]);
  });

  it('with calls waiting: the chime and one brief sentence in the first language, no other language, no repeat', () => {
    expect(plan(SHORTEN, { ...QUIET, waiting: 3, repeatCount: 3 })).toEqual([chime, brief]);
    expect(plan(SHORTEN_FULL_SENTENCE, { ...QUIET, waiting: 3 })).toEqual([chime, phrase(0)]);
  });

  it('a call after a shortened one shares the group chime; the last of the group is said whole', () => {
    expect(plan(SHORTEN, { ...QUIET, waiting: 2, followsShortened: true })).toEqual([brief]);
    expect(plan(SHORTEN, { ...QUIET, waiting: 0, followsShortened: true })).toEqual([phrase(0), phrase(1)]);
    expect(endedShortened(SHORTEN, [brief], 1)).toBe(true);
    expect(endedShortened(SHORTEN, [phrase(0), phrase(1)], 0)).toBe(false);
    // Nothing said (a server without voices): the next call rings its own chime rather than passing in silence.
    expect(endedShortened(SHORTEN, [], 3)).toBe(false);
  });

  it('a call arriving mid-announcement cuts what is left after the sentence being said', () => {
    expect(plan(SHORTEN, QUIET, (i) => (i >= 2 ? 1 : 0))).toEqual([chime, phrase(0)]);
  });

  it('the whole policy ignores the queue', () => {
    expect(plan(WHOLE, { ...QUIET, waiting: 4, followsShortened: true })).toEqual([chime, phrase(0), phrase(1)]);
    expect(endedShortened(WHOLE, [phrase(0), phrase(1)], 4)).toBe(false);
  });

  it('without any voice only the chime; with the brief form alone, that', () => {
    expect(plan(SHORTEN, { ...QUIET, phraseCount: 0, hasBrief: false })).toEqual([chime]);
    expect(plan(SHORTEN, { ...QUIET, phraseCount: 0 })).toEqual([chime, brief]);
  });
});

describe('announcement plan properties', () => {
  const policies = fc.constantFrom(SHORTEN, SHORTEN_FULL_SENTENCE, WHOLE);
  const queues = fc.record({
    waiting: fc.nat(6),
    followsShortened: fc.boolean(),
    phraseCount: fc.integer({ min: 0, max: 4 }),
    hasBrief: fc.boolean(),
    repeatCount: fc.integer({ min: 1, max: 3 }),
  });
  const waitingLater = fc.array(fc.nat(6), { minLength: 20, maxLength: 20 });

  it('ends, says at most every phrase repeatCount times, and is heard whenever any voice exists', () => {
    fc.assert(
      fc.property(policies, queues, waitingLater, (policy, now, later) => {
        const clips = plan(policy, now, (i) => later[i]!);
        const said = clips.filter((c) => c.kind !== 'chime');
        expect(said.length).toBeLessThanOrEqual(Math.max(1, now.phraseCount * now.repeatCount));
        if (now.phraseCount > 0 || now.hasBrief) expect(said.length).toBeGreaterThan(0);
        // The first sentence is in the hall's first language (phrase 0 or the brief form, which is in it).
        if (said[0]?.kind === 'phrase') expect(said[0].index).toBe(0);
        expect(clips.filter((c) => c.kind === 'chime').length).toBeLessThanOrEqual(1);
        if (clips.some((c) => c.kind === 'chime')) expect(clips[0]).toEqual(chime);
      }),
    );
  });

  it('under shorten, a call with others waiting throughout takes at most a chime and one sentence, and none of its group but the first rings', () => {
    fc.assert(
      fc.property(queues, (now) => {
        const waiting = { ...now, waiting: Math.max(1, now.waiting) };
        const clips = plan(SHORTEN, waiting);
        expect(clips.filter((c) => c.kind !== 'chime').length).toBeLessThanOrEqual(1);
        expect(clips.length).toBeLessThanOrEqual(now.followsShortened ? 1 : 2);
      }),
    );
  });

  it('under shorten with nothing waiting, a call that rings is said exactly as under whole', () => {
    fc.assert(
      fc.property(queues, (now) => {
        const quiet = { ...now, waiting: 0, followsShortened: false };
        expect(plan(SHORTEN, quiet)).toEqual(plan(WHOLE, quiet));
      }),
    );
  });
});
