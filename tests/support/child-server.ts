/**
 * The real entry points as child processes, as an operator runs them: `npm run setup` (scripts/setup.ts)
 * with the password on standard input, and the server (apps/server/src/main.ts) through tsx. `shell`
 * runs them under `sh -c` (e.g. to set a umask first). Each resolves with its exit status and output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpFrom, type Reply } from './http-from';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_MAIN = `${ROOT}apps/server/src/main.ts`;
export const SETUP = `${ROOT}scripts/setup.ts`;
export const BACKUP = `${ROOT}scripts/backup.ts`;

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Shell commands run before the program, e.g. 'umask 000'. */
  before?: string;
}

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawnTs(script: string, args: string[], options: RunOptions): ChildProcess {
  const env = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const command = [process.execPath, '--import', 'tsx', script, ...args];
  return options.before
    ? spawn('sh', ['-c', `${options.before} && exec "$@"`, 'sh', ...command], { env, cwd: ROOT })
    : spawn(command[0]!, command.slice(1), { env, cwd: ROOT });
}

/** Runs a TypeScript entry point to its end. */
export function runTs(script: string, args: string[], options: RunOptions = {}): Promise<Finished> {
  const child = spawnTs(script, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(options.stdin ?? '');
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

export interface ServerChild {
  /** http:// or, with TLS (a real branch's default), https://. */
  url: string;
  /** With TLS: the server's own certificate (PEM), the only one `request` trusts. */
  ca: string | null;
  /** A JSON request to the server from 127.0.0.1, over TLS when it serves TLS. */
  request(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<Reply>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 with a random port (and, with TLS on, a random redirect port) and resolves
 * once it printed its addresses; rejects if it exits first. `--data-dir` must be among `args`.
 */
export async function startServerChild(args: string[], options: RunOptions = {}): Promise<ServerChild> {
  const tlsOff = args.includes('--no-tls') || args.includes('--demo');
  const child = spawnTs(SERVER_MAIN, ['--port', '0', '--host', '127.0.0.1', ...(tlsOff ? [] : ['--redirect-port', '0']), ...args], options);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  child.stdin!.end();
  const url = await new Promise<string>((resolve, reject) => {
    const settle = (result: { url: string } | { error: Error }) => {
      clearInterval(poll);
      clearTimeout(timer);
      if ('url' in result) resolve(result.url);
      else reject(result.error);
    };
    const timer = setTimeout(() => settle({ error: new Error(`the server did not start in 30 s:\n${output}`) }), 30_000);
    const poll = setInterval(() => {
      const found = /health: +(https?:\/\/[\d.]+:\d+)\/api\/health/.exec(output)?.[1];
      if (found && output.includes('manager ')) settle({ url: found });
    }, 50);
    child.once('exit', (code) => settle({ error: new Error(`the server exited (${code}):\n${output}`) }));
  });
  const dataDir = args[args.indexOf('--data-dir') + 1];
  const ca = url.startsWith('https:') && dataDir ? readFileSync(join(dataDir, 'tls', 'server.crt'), 'utf8') : null;
  return {
    url,
    ca,
    request: (path, init = {}) => httpFrom('127.0.0.1', url, path, { ...init, ...(ca ? { ca } : {}) }),
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
