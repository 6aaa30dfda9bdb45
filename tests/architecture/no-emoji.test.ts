import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Icons are drawn as SVG, never as emoji: a hall PC or kiosk without a colour-emoji font shows an empty box.
const root = join(import.meta.dirname, '..', '..');
const SCANNED = ['apps/kiosk/src', 'apps/display/src', 'apps/counter/src', 'apps/manager/src', 'apps/desktop/src', 'shared/ui', 'shared/src/i18n'];
const EXTENSIONS = /\.(tsx?|json|css|html)$/;
/** Emoji shown as pictures by default, and everything in the emoji planes. */
const EMOJI = /[\p{Emoji_Presentation}\u{1F000}-\u{1FAFF}]/u;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (EXTENSIONS.test(entry.name)) yield path;
  }
}

function emojiIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) => (EMOJI.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('no emoji in the apps', () => {
  it('finds the emoji this rule is about (a muted loudspeaker) and not the arrows the display draws with text', () => {
    expect(emojiIn('<span>\u{1F507}</span>')).toHaveLength(1);
    expect(emojiIn('A001 → 1 · ←')).toEqual([]);
  });

  it('no app source, style or translation holds an emoji', () => {
    const found = SCANNED.flatMap((dir) => [...files(join(root, dir))].flatMap((path) => emojiIn(readFileSync(path, 'utf8')).map((hit) => `${relative(root, path)}:${hit}`)));
    expect(found).toEqual([]);
  });
});
