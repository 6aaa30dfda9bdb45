import { describe, expect, it } from 'vitest';
import { spokenNumber } from './spoken-number';

describe('ticket number read aloud', () => {
  it('drops the leading zeros and separates the prefix', () => {
    expect(spokenNumber('A023')).toBe('A 23');
    expect(spokenNumber('BC100')).toBe('BC 100');
    expect(spokenNumber('A000')).toBe('A 0');
  });

  it('leaves an unexpected format as it is', () => {
    expect(spokenNumber('23')).toBe('23');
  });
});
