import { readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { moveToIdleClass } from './idle-class';
import { SCHED_IDLE, SCHED_OTHER, threadSchedule } from './test-support/thread-schedule';

const policyOf = (tid: string): number | null => threadSchedule(tid)?.policy ?? null;

let worker: Worker | null = null;
afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

/** A thread that stays alive until terminated, and its Linux thread id. */
async function startThread(): Promise<string> {
  worker = new Worker(
    "const { parentPort } = require('node:worker_threads'); parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); setInterval(() => {}, 1000);",
    { eval: true },
  );
  return new Promise((resolve) => worker!.once('message', resolve));
}

describe('moveToIdleClass', () => {
  it('moves the thread it names, and only that one, to the idle class', async () => {
    const tid = await startThread();
    const others = readdirSync('/proc/self/task').filter((t) => t !== tid);
    expect(policyOf(tid)).toBe(SCHED_OTHER);
    expect(await moveToIdleClass(Number(tid))).toEqual({ moved: true });
    expect(policyOf(tid)).toBe(SCHED_IDLE);
    // A thread that ended meanwhile (null) was not moved either.
    for (const t of others) expect([SCHED_OTHER, null], `thread ${t}`).toContain(policyOf(t));
  });

  it('says why, and changes nothing, where chrt cannot run', async () => {
    const tid = await startThread();
    const outcome = await moveToIdleClass(Number(tid), '/nonexistent/chrt');
    expect(outcome.moved).toBe(false);
    expect(!outcome.moved && outcome.reason).toMatch(/nonexistent\/chrt/);
    expect(policyOf(tid)).toBe(SCHED_OTHER);
  });
});
