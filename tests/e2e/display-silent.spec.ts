import { expect, test } from '@playwright/test';
import { speechFeature } from '../../apps/server/src/speech/speech-feature';
import { DisplayPage, LANDSCAPE, startDisplayBranch, type DisplayBranch } from './display-page';

// A branch server on a machine without espeak-ng: the binary it looks for does not exist.
let env: DisplayBranch;
test.beforeAll(async () => {
  env = await startDisplayBranch({ features: [speechFeature({ espeakBinary: '/nonexistent/espeak-ng' })] });
});
test.afterAll(async () => {
  await env?.stop();
});
test.use({ viewport: LANDSCAPE });

test('without espeak-ng, calls are still shown and flashed in order, with the chime only', async ({ page }) => {
  const display = new DisplayPage(page);
  await display.open(env.displayUrl);
  const first = await env.callNext(1);
  const second = await env.callNext(2);
  await expect(display.currentCalls().first().getByTestId('call-number')).toHaveText(second);
  await expect(display.currentCalls().nth(1).getByTestId('call-number')).toHaveText(first);
  await expect(display.currentCalls().first()).toHaveAttribute('data-announcing', 'true', { timeout: 20_000 });

  await display.waitForAnnounced(second, 1);
  const log = await display.playLog();
  expect(log.map((e) => [e.displayNumber, e.kind, e.outcome])).toEqual([
    [first, 'chime', 'ended'],
    [second, 'chime', 'ended'],
  ]);
  expect(log[1]!.startedAt).toBeGreaterThanOrEqual(log[0]!.endedAt);
});
