import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import { runningEspeak } from '../../../../hardware/src/speech/test-support/running-espeak';
import { createSpeechService } from './speech-service';
import { capturedLogger, type LogLine } from './test-support/captured-logger';

describe('speech without espeak-ng', () => {
  it('says so clearly in the log and still gives the phrases, silent', async () => {
    const logged: LogLine[] = [];
    const speech = createSpeechService(':memory:', capturedLogger(logged), { espeakBinary: '/nonexistent/espeak-ng' });
    const phrases = await speech.announce({ displayNumber: 'B012', counterNumber: 2, language: 'lv' }, demoBranchConfig);
    expect(phrases).toEqual([
      { language: 'lv', text: 'Numurs B 12, lūdzu, pie otrā loga.', audioUrl: null, durationMs: null },
      { language: 'en', text: 'Number B 12, please go to counter 2.', audioUrl: null, durationMs: null },
    ]);
    expect(await speech.speak('Hello', 'en')).toBeNull();
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('espeak-ng unavailable') }));
  });
});

describe('stopping speech', () => {
  it('returns once every announcement under way has settled, silent and without a warning, and takes no more work', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rinda-speech-stop-'));
    const logged: LogLine[] = [];
    const speech = createSpeechService(path.join(dir, 'rinda.sqlite'), capturedLogger(logged));
    expect(await speech.speak('Ready.', 'en')).not.toBeNull();

    let settled = false;
    const announcing = speech.announce({ displayNumber: 'C003', counterNumber: 1, language: 'ru' }, demoBranchConfig);
    void announcing.finally(() => (settled = true));
    await speech.stop();

    expect(settled).toBe(true);
    expect((await announcing).map((phrase) => phrase.audioUrl)).toEqual([null, null, null]);
    expect(await speech.speak('Too late.', 'en')).toBeNull();
    expect(runningEspeak()).toEqual([]);
    expect(existsSync(speech.cacheDir) && readdirSync(speech.cacheDir).filter((name) => name.endsWith('.part'))).toEqual([]);
    expect(logged.filter((line) => line.level >= 40)).toEqual([]);
    rmSync(dir, { recursive: true });
  });
});
