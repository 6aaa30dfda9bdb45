import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROGRAM_PROCESS_NICE, runInProgramProcess } from './program-process';

const run = (binary: string, args: string[], stdin = '') => ({ binary, args, stdin, timeoutMs: 5000 });

describe('runInProgramProcess', () => {
  it('hands the text to the program on stdin and answers with its stdout', async () => {
    expect(await runInProgramProcess(run('cat', [], 'Numurs A 1'))).toBe('Numurs A 1');
  });

  it('answers many programs at once, each with its own output', async () => {
    const outputs = await Promise.all(['a', 'b', 'c', 'd'].map((text) => runInProgramProcess(run('cat', [], text))));
    expect(outputs).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails with what the program said on stderr, and for a program that does not exist', async () => {
    await expect(runInProgramProcess(run('ls', ['/nonexistent-rinda-dir']))).rejects.toThrow(/ls \/nonexistent-rinda-dir failed: .*No such file/);
    await expect(runInProgramProcess(run('/nonexistent/espeak-ng', ['--version']))).rejects.toThrow(/failed/);
  });

  it('stops a program when aborted and answers once it has exited', async () => {
    const abort = new AbortController();
    const sleeping = runInProgramProcess(run('sleep', ['30']), abort.signal);
    abort.abort();
    await expect(sleeping).rejects.toThrow(/sleep 30 failed/);
  });

  it('starts its programs at the lowered priority of its own process, and leaves the server\'s thread as it was', async () => {
    const before = getPriority();
    const stat = await runInProgramProcess(run('cat', ['/proc/self/stat']));
    // proc(5): nice is field 19.
    expect(Number(fieldsOf(stat)[19 - 3])).toBe(Math.max(before, PROGRAM_PROCESS_NICE));
    expect(getPriority()).toBe(before);
  });

  it('starts programs from its own process, never by a fork of the server\'s', async () => {
    const stat = await runInProgramProcess(run('cat', ['/proc/self/stat']));
    const parent = Number(fieldsOf(stat)[4 - 3]);
    expect(parent).not.toBe(process.pid);
    expect(parent).toBeGreaterThan(1);
  });

  it('leaves with the server, even when the server is killed with SIGKILL', async () => {
    const modulePath = fileURLToPath(new URL('./program-process.ts', import.meta.url));
    const script = `import { runInProgramProcess } from ${JSON.stringify(modulePath)};
      const stat = await runInProgramProcess({ binary: 'cat', args: ['/proc/self/stat'], stdin: '', timeoutMs: 5000 });
      console.log(JSON.stringify(stat));
      setInterval(() => {}, 1000);`;
    const server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    // The program's parent, field 4 of its stat, is the helper.
    const helper = await new Promise<number>((resolve, reject) => {
      server.stdout.once('data', (chunk: Buffer) => resolve(Number(fieldsOf(JSON.parse(chunk.toString()) as string)[4 - 3])));
      server.once('exit', (code) => reject(new Error(`the server exited (${code}) before its helper answered`)));
    });
    expect(running(helper)).toBe(true);
    server.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (running(helper) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(running(helper)).toBe(false);
  });
});

/** proc(5): the fields after the command's name (in parentheses, which may hold spaces), from field 3 on. */
function fieldsOf(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process that exists and has not exited (an exited one nobody reaped yet is a zombie: state Z). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return existsSync(stat) && fieldsOf(readFileSync(stat, 'utf8'))[0] !== 'Z';
}
