import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './bench-types';
import { compiledServerWorker, serverNodeFlags } from './compiled-server-worker';
import type { Credentials, CredentialsParams, StartParams } from './server-worker';
import type { Worker } from './worker-rpc';

export interface RunningServer {
  kind: StartParams['kind'];
  url: string;
  pid: number;
  worker: Worker;
  credentials(params: CredentialsParams): Promise<Credentials>;
  stop(): Promise<void>;
}

/** Starts the real server or the floor in its own process (compiled), on 127.0.0.1 and a free port. */
export async function startBenchServer(ctx: BenchContext, params: Omit<StartParams, 'dataDir'> & { dataDir?: string }): Promise<RunningServer> {
  const dataDir = params.dataDir ?? mkdtempSync(join(ctx.workDir, `${params.kind}-`));
  // Compiled and with the Node flags that `npm start` gives the server.
  const worker = ctx.worker(await compiledServerWorker(), `${params.kind}-server`, serverNodeFlags());
  const { port, pid } = await worker.call<{ port: number; pid: number }>('start', { ...params, dataDir }, 600_000);
  return {
    kind: params.kind,
    url: `http://127.0.0.1:${port}`,
    pid,
    worker,
    credentials: (p) => worker.call<Credentials>('credentials', p),
    async stop() {
      await worker.call('stop').catch(() => undefined);
      await worker.stop();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
