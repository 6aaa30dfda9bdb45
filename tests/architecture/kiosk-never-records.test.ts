import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The kiosk page may be allowed the microphone (to read its audio outputs' names for the headset: docs/SECURITY.md);
// it must never use it. Nothing in the kiosk's code, nor in the shared UI it bundles, opens a microphone or camera.
const root = join(import.meta.dirname, '..', '..');
const SCANNED = ['apps/kiosk/src', 'shared/ui'];
const RECORDING = /\b(getUserMedia|getDisplayMedia|MediaRecorder|webkitGetUserMedia)\b/;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('the kiosk never records', () => {
  it('finds a call that would open the microphone', () => {
    expect(RECORDING.test('await navigator.mediaDevices.getUserMedia({ audio: true })')).toBe(true);
    expect(RECORDING.test('await navigator.mediaDevices.enumerateDevices()')).toBe(false);
  });

  it('no kiosk source opens a microphone, a camera or a screen capture', () => {
    const found = SCANNED.flatMap((dir) =>
      [...files(join(root, dir))].flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (RECORDING.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(found).toEqual([]);
  });
});
