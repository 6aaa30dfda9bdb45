import { describe, expect, it } from 'vitest';
import { KIOSK_PROBE, worstCaseOfflineNoticeMs } from './live-connection';

// The e2e tests show the out-of-service screen appears and goes; the 5 s promise of issue #3 is a budget of
// the kiosk's own timers, checked here so that a change to them cannot quietly break it.
describe('out-of-service budget', () => {
  it('a kiosk notices a cut server within 5 seconds, even a half-open connection', () => {
    expect(worstCaseOfflineNoticeMs(KIOSK_PROBE)).toBeLessThanOrEqual(5000);
  });
});
