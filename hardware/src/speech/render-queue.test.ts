import { describe, expect, it } from 'vitest';
import { RenderQueue, type RenderJob, type SpeechPriority } from './render-queue';

/** Jobs entering a one-slot queue; `started` lists them in the order they got the slot. */
function setup() {
  const queue = new RenderQueue(1);
  const started: string[] = [];
  const enter = (name: string, priority: SpeechPriority): RenderJob => {
    const job: RenderJob = { priority };
    void queue.acquire(job).then(() => started.push(name));
    return job;
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { queue, started, enter, settle };
}

describe('the speech render queue', () => {
  it('starts every waiting call before any waiting request, each kind in arrival order', async () => {
    const { queue, started, enter, settle } = setup();
    enter('kiosk 1', 'request');
    enter('kiosk 2', 'request');
    enter('call A', 'call');
    enter('kiosk 3', 'request');
    enter('call B', 'call');
    await settle();
    expect(started).toEqual(['kiosk 1']);
    expect(queue.waiting).toEqual({ calls: 2, requests: 2 });
    for (let i = 0; i < 4; i++) {
      queue.release();
      await settle();
    }
    expect(started).toEqual(['kiosk 1', 'call A', 'call B', 'kiosk 2', 'kiosk 3']);
  });

  it('moves a waiting request that a call needs among the calls, behind those already waiting', async () => {
    const { queue, started, enter, settle } = setup();
    enter('running', 'request');
    enter('kiosk', 'request');
    const guessed = enter('guessed call phrase', 'request');
    enter('call A', 'call');
    queue.promote(guessed);
    for (let i = 0; i < 3; i++) {
      queue.release();
      await settle();
    }
    expect(started).toEqual(['running', 'call A', 'guessed call phrase', 'kiosk']);
  });

  it('never runs more than its slots, and frees a slot when nobody waits', async () => {
    const queue = new RenderQueue(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 7 }, async (_, i) => {
        await queue.acquire({ priority: i % 2 === 0 ? 'call' : 'request' });
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        queue.release();
      }),
    );
    expect(most).toBe(2);
    expect(queue.waiting).toEqual({ calls: 0, requests: 0 });
    await queue.acquire({ priority: 'request' });
    await queue.acquire({ priority: 'request' });
    expect(queue.waiting).toEqual({ calls: 0, requests: 0 });
  });
});
