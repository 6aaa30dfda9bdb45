/** How long a PCM WAV plays, and in what format: all a display needs to time a phrase. */
export interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  frames: number;
  durationMs: number;
}

/** What a PCM WAV file holds: enough to time a phrase and to check it is not silence. */
export interface WavInfo extends WavFormat {
  /** Root mean square of the samples, 0..1 of full scale. */
  rms: number;
}

/** Walks the chunks of a 16-bit PCM WAV (what espeak-ng writes and the chime is) to its format and samples. */
function locateSamples(buffer: Buffer): { format: WavFormat; body: number; samples: number } {
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const declared = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { channels: buffer.readUInt16LE(body + 2), sampleRate: buffer.readUInt32LE(body + 4), bitsPerSample: buffer.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data before its format');
      if (format.bitsPerSample !== 16) throw new Error(`unsupported WAV: ${format.bitsPerSample}-bit`);
      // espeak-ng streaming to a pipe leaves the size unset (0 or 0xFFFFFFFF): the data runs to the end.
      const size = declared === 0 || body + declared > buffer.length ? buffer.length - body : declared;
      const samples = Math.floor(size / 2);
      const frames = Math.floor(samples / format.channels);
      return { format: { ...format, frames, durationMs: Math.round((frames / format.sampleRate) * 1000) }, body, samples };
    }
    offset = body + declared + (declared % 2);
  }
  throw new Error('WAV without data');
}

/** The format and length only, without reading the samples: the server times every phrase it synthesises. */
export function readWavFormat(buffer: Buffer): WavFormat {
  return locateSamples(buffer).format;
}

/** The format, length and loudness of a WAV: a pass over every sample. */
export function readWav(buffer: Buffer): WavInfo {
  const { format, body, samples } = locateSamples(buffer);
  let sumSquares = 0;
  for (let i = 0; i < samples; i++) {
    const v = buffer.readInt16LE(body + i * 2) / 32768;
    sumSquares += v * v;
  }
  return { ...format, rms: samples ? Math.sqrt(sumSquares / samples) : 0 };
}

/** A 16-bit mono PCM WAV around the given samples (-1..1). */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
