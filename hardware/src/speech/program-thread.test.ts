import { describe, expect, it } from 'vitest';
import { getPriority } from 'node:os';
import { PROGRAM_THREAD_NICE, runInProgramThread } from './program-thread';

const run = (binary: string, args: string[], stdin = '') => ({ binary, args, stdin, timeoutMs: 5000 });

describe('runInProgramThread', () => {
  it('hands the text to the program on stdin and answers with its stdout', async () => {
    expect(await runInProgramThread(run('cat', [], 'Numurs A 1'))).toBe('Numurs A 1');
  });

  it('answers many programs at once, each with its own output', async () => {
    const outputs = await Promise.all(['a', 'b', 'c', 'd'].map((text) => runInProgramThread(run('cat', [], text))));
    expect(outputs).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails with what the program said on stderr, and for a program that does not exist', async () => {
    await expect(runInProgramThread(run('ls', ['/nonexistent-rinda-dir']))).rejects.toThrow(/ls \/nonexistent-rinda-dir failed: .*No such file/);
    await expect(runInProgramThread(run('/nonexistent/espeak-ng', ['--version']))).rejects.toThrow(/failed/);
  });

  it('stops a program when aborted and answers once it has exited', async () => {
    const abort = new AbortController();
    const sleeping = runInProgramThread(run('sleep', ['30']), abort.signal);
    abort.abort();
    await expect(sleeping).rejects.toThrow(/sleep 30 failed/);
  });

  it('starts its programs at the lowered priority of its own thread, and leaves the server\'s thread as it was', async () => {
    const before = getPriority();
    const stat = await runInProgramThread(run('cat', ['/proc/self/stat']));
    // proc(5): the fields after the command's name (in parentheses, which may hold spaces); nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    expect(Number(fields[19 - 3])).toBe(Math.max(before, PROGRAM_THREAD_NICE));
    expect(getPriority()).toBe(before);
  });
});
