import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('shows minutes and seconds, hours when needed, never negative', () => {
    expect(formatDuration(247_000)).toBe('4:07');
    expect(formatDuration(3_729_000)).toBe('1:02:09');
    expect(formatDuration(-5000)).toBe('0:00');
  });
});
