import { describe, expect, it } from 'vitest';
import { formatDays, openingHoursTexts } from './opening-hours';

describe('opening hours as shown on a closed service', () => {
  it('writes a working week as one range in the customer language', () => {
    expect(formatDays([1, 2, 3, 4, 5], 'en')).toBe('Mon–Fri');
    expect(formatDays([5, 4, 3, 2, 1], 'en')).toBe('Mon–Fri');
  });

  it('lists separate days and short runs one by one', () => {
    expect(formatDays([1, 3, 6, 7], 'en')).toBe('Mon, Wed, Sat, Sun');
  });

  it('uses the weekday names of the chosen language', () => {
    expect(formatDays([1, 2, 3, 4, 5], 'ru')).toMatch(/^пн–пт$/i);
  });

  it('keeps the configured times', () => {
    expect(openingHoursTexts([{ days: [6], from: '10:00', to: '14:00' }], 'en')).toEqual([{ days: 'Sat', from: '10:00', to: '14:00' }]);
  });
});
