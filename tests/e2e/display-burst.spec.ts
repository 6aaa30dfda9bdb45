// Five calls within a second (issue #18): with the branch's announcement policy (`shorten`, the default) the
// display shows all five at once and starts announcing every one within 15 s of its being made, with real
// espeak-ng audio. The timeline is the page's own play log (window.__rindaPlayLog) against each call's `at`.
import { expect, test } from '@playwright/test';
import { demoBranchConfig, newRequestId, type BranchConfig } from '@rinda/shared';
import { loadRecentCalls } from '../../apps/server/src/store/hydrate';
import { startBranch, type Branch, type BranchSocket } from '../support/start-branch';
import { DisplayPage, LANDSCAPE, type PlayLogEntry } from './display-page';

const COUNTERS = [1, 2, 3, 4, 5] as const;
/** The issue's requirement: a customer hears their number begin within this of the call. */
const ANNOUNCED_WITHIN_MS = 15_000;

/** The demo branch with five counters serving the cash queue: five tellers can call at once. */
const config: BranchConfig = {
  ...demoBranchConfig,
  counters: COUNTERS.map((n) => ({ id: `c${n}`, name: `Counter ${n}`, number: n, serviceIds: ['cash'] })),
};

let branch: Branch;
let tellers: BranchSocket[];
let kiosk: BranchSocket;
test.beforeAll(async () => {
  branch = await startBranch({ config });
  kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  tellers = [];
  for (const n of COUNTERS) {
    await branch.createUser(`teller${n}`, 'secret', 'teller');
    const teller = await branch.connect({ token: await branch.login(`teller${n}`, 'secret') });
    const signedIn = await branch.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: `c${n}` });
    expect(signedIn.ok).toBe(true);
    tellers.push(teller);
  }
});
test.afterAll(async () => {
  await branch?.stop();
});
test.use({ viewport: LANDSCAPE });

test('a burst of five calls: all shown at once, each starts being announced within 15 s, the group shares one chime and the last is said whole', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const display = new DisplayPage(page);
  await display.open(`${branch.url}/display/#token=${await branch.deviceToken('display')}`);
  for (const _ of COUNTERS) expect((await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'lv' })).ok).toBe(true);

  // Five tellers press "call next" at the same moment.
  const replies = await Promise.all(tellers.map((teller, i) => branch.request(teller, 'ticket:callNext', { requestId: newRequestId(), counterId: `c${i + 1}` })));
  const calls = loadRecentCalls(branch.ctx.db, config, COUNTERS.length).sort((a, b) => a.at - b.at || Number(a.callId) - Number(b.callId));
  expect(replies.every((r) => r.ok)).toBe(true);
  expect(calls.at(-1)!.at - calls[0]!.at, 'the five calls were made within a second').toBeLessThan(1000);

  // Every call is on the screen before the last of them is heard.
  await expect(display.currentCalls()).toHaveCount(COUNTERS.length);
  const last = calls.at(-1)!;
  expect((await display.playLog()).filter((e) => e.callId === last.callId), 'the last call is shown before it is announced').toEqual([]);

  // The last call is said whole once nothing waits behind it: the hall's two languages.
  await page.waitForFunction(
    (callId) => ((window as { __rindaPlayLog?: PlayLogEntry[] }).__rindaPlayLog ?? []).filter((e) => e.callId === callId && e.kind === 'phrase').length >= 2,
    last.callId,
    { timeout: 60_000 },
  );
  const log = await display.playLog();
  const timeline = calls.map((call) => {
    const clips = log.filter((e) => e.callId === call.callId);
    return { number: call.displayNumber, counter: call.counterNumber, madeAt: call.at, startedAfterMs: clips[0]!.startedAt - call.at, clips: clips.map(describe) };
  });
  await testInfo.attach('announcement-timeline.json', { body: JSON.stringify(timeline, null, 2), contentType: 'application/json' });
  console.log(`announcement timeline of a burst of five calls:\n${timeline.map((t) => `  ${t.number} → ${t.counter}: started ${(t.startedAfterMs / 1000).toFixed(1)} s after the call: ${t.clips.join(', ')}`).join('\n')}`);

  // Announced in the order the calls were made, never two clips at once.
  expect(log.filter((e) => calls.some((c) => c.callId === e.callId)).map((e) => e.callId).filter((id, i, all) => all.indexOf(id) === i)).toEqual(calls.map((c) => c.callId));
  for (let i = 1; i < log.length; i++) expect(log[i]!.startedAt).toBeGreaterThanOrEqual(log[i - 1]!.endedAt);
  // One chime for the group; the waiting calls said briefly in Latvian, the last one whole.
  expect(timeline.map((t) => t.clips)).toEqual([['chime', 'brief lv'], ['brief lv'], ['brief lv'], ['brief lv'], ['phrase lv', 'phrase en']]);
  for (const t of timeline) expect(t.startedAfterMs, `${t.number}'s announcement starts within 15 s of the call`).toBeLessThanOrEqual(ANNOUNCED_WITHIN_MS);
});

function describe(entry: PlayLogEntry): string {
  expect(entry.outcome).toBe('ended');
  return entry.kind === 'chime' ? 'chime' : `${entry.kind} ${entry.language}`;
}
