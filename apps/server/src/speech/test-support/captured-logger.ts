import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface LogLine {
  level: number;
  msg: string;
}

/** A pino logger at debug level that keeps every line it writes, parsed, in `lines`; `onLine` sees each as it comes. */
export function capturedLogger(lines: LogLine[], onLine?: (line: LogLine) => void): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as LogLine;
      lines.push(line);
      onLine?.(line);
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}
