import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'test-results', 'release', 'data']);

function* files(dir: string, name: RegExp): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path, name);
    else if (name.test(entry.name)) yield path;
  }
}

/** Every Markdown file of the project (docs, READMEs, notes). */
const markdown = () => [...files(root, /\.md$/)];

/** The relative links of a Markdown text (`[text](path)`, `[text](path#part)`), not web addresses or anchors. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!).filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the project documents', () => {
  it('reads the links a document holds (and not web addresses or anchors)', () => {
    expect(relativeLinks('see [METRICS.md](METRICS.md), [ops](OPERATIONS.md#limits), [x](https://example.org/a.md), [top](#top)')).toEqual([
      'METRICS.md',
      'OPERATIONS.md',
    ]);
  });

  it('link only to files that are in the project (REPORTS.md and ARCHITECTURE.md point at docs/METRICS.md)', () => {
    const broken = markdown().flatMap((path) =>
      relativeLinks(readFileSync(path, 'utf8'))
        .filter((target) => !existsSync(join(dirname(path), decodeURIComponent(target))))
        .map((target) => `${relative(root, path)} → ${target}`),
    );
    expect(broken).toEqual([]);
    expect(relativeLinks(readFileSync(join(root, 'docs/REPORTS.md'), 'utf8'))).toContain('METRICS.md');
  });
});

describe('one wording for the sign-in name: "username"', () => {
  // Issue 18: the counter said "Username" and its messages "user name". English texts, docs and code say "username".
  const scanned = [
    ...['shared/src/i18n/counter/en.json', 'shared/src/i18n/manager/en.json'].map((p) => join(root, p)),
    ...markdown(),
    ...['apps', 'shared', 'tests', 'scripts'].flatMap((dir) => [...files(join(root, dir), /\.(tsx?|json)$/)]),
  ];

  it('the staff sign-in screens label the field "Username"', () => {
    for (const app of ['counter', 'manager']) {
      const messages = JSON.parse(readFileSync(join(root, `shared/src/i18n/${app}/en.json`), 'utf8')) as { login: { username: string } };
      expect(messages.login.username, app).toBe('Username');
    }
  });

  it('no text, doc or source says "user name"', () => {
    const self = relative(root, import.meta.filename);
    const found = scanned
      .filter((path) => relative(root, path) !== self)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\buser[ -]names?\b/i.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });
});
