import { encodeWav } from './wav';

const SAMPLE_RATE = 22050;

/**
 * The two-tone "ding-dong" played before every announcement: a major third down (E5 → C5), each
 * note a soft bell (quick attack, exponential decay, a quiet octave overtone) so it is pleasant
 * rather than a beep. Made in code so no audio asset has to ship.
 */
export function chimeWav(): Buffer {
  const notes = [
    { hz: 659.25, start: 0, length: 0.7 },
    { hz: 523.25, start: 0.45, length: 1.0 },
  ];
  const total = Math.ceil(SAMPLE_RATE * 1.5);
  const samples = new Float32Array(total);
  for (const note of notes) {
    const from = Math.floor(note.start * SAMPLE_RATE);
    const count = Math.floor(note.length * SAMPLE_RATE);
    for (let i = 0; i < count && from + i < total; i++) {
      const t = i / SAMPLE_RATE;
      const attack = Math.min(1, t / 0.01);
      const decay = Math.exp(-t * 4);
      // A short fade at the note's end avoids a click when it is cut.
      const tail = Math.min(1, (count - i) / (0.03 * SAMPLE_RATE));
      const tone = Math.sin(2 * Math.PI * note.hz * t) + 0.25 * Math.sin(2 * Math.PI * note.hz * 2 * t);
      samples[from + i]! += 0.4 * attack * decay * tail * tone;
    }
  }
  return encodeWav(samples, SAMPLE_RATE);
}
