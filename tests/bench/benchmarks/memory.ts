/**
 * Figure 4: the server's resident memory with 500 connected clients of every role while the branch
 * works (kiosks issue, tellers call and finish). RSS is read from /proc every 250 ms; the floor is the
 * bare socket.io server holding the same 500 connections under the same work.
 */
import { readFileSync } from 'node:fs';
import { BENCH_SERVICE, singleQueueConfig } from '../branch-configs';
import { sleep, startBenchServer } from '../bench-server';
import { bySize, type Benchmark, type BenchContext, type Figure } from '../bench-types';
import { againstFloor } from '../figures';
import { summarize, type Summary } from '../stats';

const TARGET_MB = 150;
/** 500 clients: a large branch's devices and staff, and customers following their tickets on phones. */
const MIX = { kiosks: 40, tellers: 100, displays: 100, managers: 20, phones: 240 };
const SAMPLE_EVERY_MS = 250;

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

interface MemoryBreakdown {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

async function measureMemory(
  ctx: BenchContext,
  kind: 'rinda' | 'floor',
  durationMs: number,
  scale: number,
): Promise<Summary & { clients: number; idle: MemoryBreakdown; working: MemoryBreakdown }> {
  const mix = Object.fromEntries(Object.entries(MIX).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))])) as typeof MIX;
  const server = await startBenchServer(ctx, { kind, config: singleQueueConfig(mix.tellers) });
  const idle = await server.worker.call<MemoryBreakdown>('memory');
  const staff = ctx.worker('./client-worker.ts', 'staff');
  const audience = ctx.worker('./client-worker.ts', 'audience');
  try {
    const creds = await server.credentials({ kiosks: mix.kiosks, tellers: mix.tellers, displays: mix.displays, managers: mix.managers });
    const counterIds = Array.from({ length: mix.tellers }, (_, i) => `c${i + 1}`);
    let clients = 0;
    clients += await staff.call<number>('connect', { url: server.url, role: 'kiosk', credentials: creds.kiosks });
    clients += await staff.call<number>('connect', { url: server.url, role: 'teller', credentials: creds.tellers, counterIds });
    clients += await staff.call<number>('connect', { url: server.url, role: 'manager', credentials: creds.managers });
    await staff.call('signIn');
    const tickets = await staff.call<string[]>('issue', { count: mix.phones, serviceId: BENCH_SERVICE });
    await audience.call('connect', { url: server.url, role: 'display', credentials: creds.displays });
    clients += mix.displays;
    await audience.call('connect', { url: server.url, role: 'public', credentials: tickets });
    clients += tickets.length;

    const samples: number[] = [];
    const work = staff.call('work', { durationMs, serviceId: BENCH_SERVICE, issueEveryMs: 50, serveEveryMs: 50 }, durationMs + 60_000);
    let running = true;
    void work.finally(() => (running = false)).catch(() => undefined);
    while (running) {
      samples.push(rssMb(server.pid));
      await sleep(SAMPLE_EVERY_MS);
    }
    await work;
    const working = await server.worker.call<MemoryBreakdown>('memory');
    return { ...summarize(samples), clients, idle, working };
  } finally {
    await staff.call('close').catch(() => undefined);
    await audience.call('close').catch(() => undefined);
    await server.stop();
  }
}

export const memoryBenchmark: Benchmark = {
  id: 'memory',
  title: '4. Server memory',
  async run(ctx): Promise<Figure[]> {
    const durationMs = bySize(ctx, { full: 20_000, quick: 2000, tiny: 800 });
    const scale = bySize(ctx, { full: 1, quick: 0.2, tiny: 0.02 });
    ctx.log(`500 clients, ${durationMs / 1000} s of work: floor`);
    const floor = await measureMemory(ctx, 'floor', durationMs, scale);
    ctx.log('500 clients: Rinda');
    const real = await measureMemory(ctx, 'rinda', durationMs, scale);
    return [
      againstFloor({
        section: this.title,
        name: `RSS with ${real.clients} clients (${Object.entries(MIX).map(([k, v]) => `${Math.max(1, Math.round(v * scale))} ${k}`).join(', ')}) while working`,
        unit: 'MB',
        measured: real,
        floor,
        floorLabel: 'bare socket.io server, same clients',
        target: `≤ ${TARGET_MB} MB`,
        judge: (_r, m) => m.p99 <= TARGET_MB,
        note: [real, floor]
          .map((m, i) => `${i === 0 ? 'Rinda' : 'floor'}: ${m.idle.rss} MB before any client; at the end heap ${m.working.heapUsed}/${m.working.heapTotal} MB, external ${m.working.external} MB`)
          .join('; '),
      }),
    ];
  },
};
