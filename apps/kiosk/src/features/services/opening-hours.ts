import type { OpeningWindow } from '@rinda/shared';

/** ISO weekday (1 = Monday … 7 = Sunday) in the customer's language, from the browser's locale data. */
function weekdayName(day: number, language: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
}

/** Days as a person writes them: runs of three or more as "Mon–Fri", others listed: "Mon, Wed". */
export function formatDays(days: number[], language: string): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${weekdayName(run[0]!, language)}–${weekdayName(run[run.length - 1]!, language)}`]
        : run.map((d) => weekdayName(d, language)),
    )
    .join(', ');
}

export type OpeningHoursText = { days: string; from: string; to: string };

export function openingHoursTexts(windows: OpeningWindow[], language: string): OpeningHoursText[] {
  return windows.map((w) => ({ days: formatDays(w.days, language), from: w.from, to: w.to }));
}
