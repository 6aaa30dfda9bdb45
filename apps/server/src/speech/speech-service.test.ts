import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import { createSpeechService } from './speech-service';

describe('speech without espeak-ng', () => {
  it('says so clearly in the log and still gives the phrases, silent', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const speech = createSpeechService(':memory:', pino(sink), '/nonexistent/espeak-ng');
    const phrases = await speech.announce({ displayNumber: 'B012', counterNumber: 2, language: 'lv' }, demoBranchConfig);
    expect(phrases).toEqual([
      { language: 'lv', text: 'Numurs B 12, lūdzu, pie otrā loga.', audioUrl: null, durationMs: null },
      { language: 'en', text: 'Number B 12, please go to counter 2.', audioUrl: null, durationMs: null },
    ]);
    expect(await speech.speak('Hello', 'en')).toBeNull();
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('espeak-ng unavailable') }));
  });
});
