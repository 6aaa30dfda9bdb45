import { execFileSync } from 'node:child_process';

/** espeak-ng processes started by this (test) process that are still alive, as `pid comm` lines. */
export function runningEspeak(): string[] {
  return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('espeak'));
}
