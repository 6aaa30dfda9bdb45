/**
 * The benchmarks' server process runs compiled, as `npm start` runs the server (scripts/build-server.ts):
 * server-worker.ts and everything it imports, Rinda and the floor alike, bundled once per run and run
 * with Node alone. Rinda's modules stay in chunks of their own, so the floor's process never loads them.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildServer } from '../../scripts/build-server';

/** Inside the checkout (git-ignored), so the bundle's npm imports resolve from node_modules. */
const BENCH_DIST = fileURLToPath(new URL('./dist', import.meta.url));
const ROOT_PACKAGE = fileURLToPath(new URL('../../package.json', import.meta.url));

let built: Promise<string> | null = null;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Builds of runs that ended without cleaning up (a killed test worker): each is named after its process. */
function removeAbandonedBuilds(): void {
  for (const name of readdirSync(BENCH_DIST)) {
    const pid = /^server-(\d+)$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(BENCH_DIST, name), { recursive: true, force: true });
  }
}

/** The compiled server-worker's file, built on first use and removed when this process exits. */
export function compiledServerWorker(): Promise<string> {
  built ??= (async () => {
    mkdirSync(BENCH_DIST, { recursive: true });
    removeAbandonedBuilds();
    const outdir = join(BENCH_DIST, `server-${process.pid}`);
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await buildServer({ entries: { 'server-worker': fileURLToPath(new URL('./server-worker.ts', import.meta.url)) }, outdir });
    return join(outdir, 'server-worker.mjs');
  })();
  return built;
}

const RootPackage = z.object({ scripts: z.object({ serve: z.string() }) });

/**
 * The Node flags `npm run serve` (which `npm start` runs) gives the server, read from the root
 * package.json: `node <flags…> apps/server/dist/main.mjs`. One place says how a branch runs the server.
 */
export function serverNodeFlags(): string[] {
  const { serve } = RootPackage.parse(JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8'))).scripts;
  const words = serve.trim().split(/\s+/);
  const entry = words.indexOf('apps/server/dist/main.mjs');
  if (words[0] !== 'node' || entry < 0) throw new Error(`npm run serve is not "node [flags] apps/server/dist/main.mjs": ${serve}`);
  return words.slice(1, entry);
}
