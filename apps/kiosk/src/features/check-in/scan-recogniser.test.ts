import { describe, expect, it } from 'vitest';
import { SCAN_MAX_GAP_MS, SCAN_MAX_MEAN_GAP_MS, SCAN_MIN_CHARS, scanEndedBy, withKey, type Burst } from './scan-recogniser';

const ADDRESS = 'https://branch.example:8443/t/3f9c1a2b7d4e5f60';

/** Keys typed `gaps[i]` ms apart (a single number: all alike), then Enter `enterAfter` ms after the last. */
function typed(text: string, gap: number | ((i: number) => number), enterAfter = 10) {
  let burst: Burst | null = null;
  let at = 1000;
  [...text].forEach((key, i) => {
    if (i > 0) at += typeof gap === 'number' ? gap : gap(i);
    burst = withKey(burst, key, at);
  });
  return scanEndedBy(burst, at + enterAfter);
}

describe('scan recogniser (the kiosk QR reader is a keyboard)', () => {
  it("takes a phone ticket's status address, typed at a reader's pace and ended by Enter, as a check-in", () => {
    expect(typed(ADDRESS, 8)).toEqual({ kind: 'ticket', code: ADDRESS });
    expect(typed(`http://10.0.0.5/t/abcDEF12_-xyz`, 2)).toEqual({ kind: 'ticket', code: 'http://10.0.0.5/t/abcDEF12_-xyz' });
  });

  it('never takes a person typing for a scan, even a status address', () => {
    // A fast typist: 120 ms between keys.
    expect(typed(ADDRESS, 120)).toBeNull();
    // Quick runs with one pause longer than a reader ever makes: the burst before the pause is too short to count.
    expect(typed(ADDRESS, (i) => (i === ADDRESS.length - 4 ? SCAN_MAX_GAP_MS + 1 : 10))).toBeNull();
    // Every gap within the limit, but on average slower than a reader.
    expect(typed(ADDRESS, SCAN_MAX_MEAN_GAP_MS + 20)).toBeNull();
    // Enter pressed by a person after the reader-fast text.
    expect(typed(ADDRESS, 8, SCAN_MAX_GAP_MS + 1)).toBeNull();
  });

  it('never takes the six-digit arrival code (or any short text) for a scan, however fast it is typed', () => {
    expect(typed('123456', 1)).toBeNull();
    expect(typed('x'.repeat(SCAN_MIN_CHARS - 1), 1)).toBeNull();
    expect(scanEndedBy(null, 1000)).toBeNull();
  });

  it("tells a reader's scan of any other code apart, as unreadable", () => {
    expect(typed('https://example.com/about-us', 5)).toEqual({ kind: 'unreadable' });
    expect(typed('4006381333931', 5)).toEqual({ kind: 'unreadable' });
    // A status address with an id too short to be a ticket's.
    expect(typed('https://branch.example/t/abc', 5)).toEqual({ kind: 'unreadable' });
  });

  it('starts a new burst after a pause, so keys typed earlier do not spoil a scan', () => {
    let burst = withKey(null, '7', 0);
    burst = withKey(burst, '7', 5000);
    expect(burst).toEqual({ text: '7', startedAt: 5000, lastAt: 5000 });
  });
});
