import type { ReadStream } from 'node:tty';

/**
 * The new manager's password, never from the command line (other users see it in the process list) and
 * never echoed or logged: the first line of standard input when it is not a terminal (a pipe, a file, a
 * secret store), otherwise typed twice at a hidden prompt.
 */
export async function readNewPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLine(process.stdin);
  const stdin = process.stdin as ReadStream;
  const first = await hiddenLine(stdin, prompt);
  const again = await hiddenLine(stdin, 'Type it again: ');
  if (first !== again) throw new Error('The two passwords differ; nothing was changed. Run setup again.');
  return first;
}

function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      input.off('data', onData);
      input.off('end', done);
      input.off('error', reject);
      if ('pause' in input) input.pause();
      resolve(text.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', reject);
  });
}

/** Reads one line from a terminal in raw mode, echoing nothing; Ctrl-C or Ctrl-D abort. */
function hiddenLine(stdin: ReadStream, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('Cancelled; nothing was changed.'));
        if (char === '\u007f' || char === '\b') line = [...line].slice(0, -1).join('');
        else if (char >= ' ') line += char;
      }
    };
    stdin.on('data', onData);
  });
}
