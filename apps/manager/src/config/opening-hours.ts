import type { OpeningWindow } from '@rinda/shared';

/**
 * Opening hours as a manager types them, one window per line: "1-5 09:00-18:00" or "6,7 10:00-14:00"
 * (days 1 = Monday … 7 = Sunday). Empty: always open. The server validates the result.
 */
export function formatOpeningHours(windows: OpeningWindow[] | null): string {
  return (windows ?? []).map((w) => `${w.days.join(',')} ${w.from}-${w.to}`).join('\n');
}

export function parseOpeningHours(text: string): OpeningWindow[] | null | 'invalid' {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return null;
  const windows: OpeningWindow[] = [];
  for (const line of lines) {
    const m = /^([\d,\- ]+?)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return 'invalid';
    const days = new Set<number>();
    for (const part of m[1]!.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [a, b] = part.split('-').map(Number);
      if (a === undefined || Number.isNaN(a)) return 'invalid';
      for (let d = a; d <= (b ?? a); d++) days.add(d);
    }
    windows.push({ days: [...days].sort((a, b) => a - b), from: m[2]!, to: m[3]! });
  }
  return windows;
}
