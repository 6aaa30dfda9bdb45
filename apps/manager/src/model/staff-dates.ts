import type { StaffLanguage } from '@rinda/shared';

/**
 * The locale dates are written in for a manager reading in `language`: the language's own, except English, which
 * is written as in Europe (en-GB: day before month, 24-hour clock), never US-style M/D/YY.
 */
export function staffLocale(language: string): string {
  return language === 'en' ? 'en-GB' : language;
}

/** Date and time to the second, with a four-digit year: "05/12/2026, 14:03:07" (en), "05.12.2026 14:03:07" (lv). */
export function dateTimeFormat(language: StaffLanguage | string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(staffLocale(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}
