import { describe, expect, it } from 'vitest';
import { chimeWav } from './chime';
import { encodeWav, readWav, readWavFormat } from './wav';

describe('readWavFormat', () => {
  it('times a WAV as readWav does, without its loudness', () => {
    const tone = encodeWav(Float32Array.from({ length: 8000 }, (_, i) => Math.sin(i / 5) / 2), 16000);
    for (const wav of [tone, chimeWav()]) {
      const { rms: _rms, ...format } = readWav(wav);
      expect(readWavFormat(wav)).toEqual(format);
    }
    expect(readWavFormat(tone)).toMatchObject({ sampleRate: 16000, channels: 1, frames: 8000, durationMs: 500 });
  });

  it('runs the data to the end of the file when espeak-ng left its size unset', () => {
    const tone = encodeWav(new Float32Array(16000), 16000);
    tone.writeUInt32LE(0, 40);
    expect(readWavFormat(tone).durationMs).toBe(1000);
  });
});
