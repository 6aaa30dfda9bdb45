/**
 * `npm run build:server`: compiles the branch server to plain JavaScript in apps/server/dist, which
 * `npm start` runs with Node alone. Running the TypeScript through tsx costs about 30 MB of resident
 * memory for the loader (and as much again in the report worker thread, which registers tsx itself).
 *
 * The workspace packages (@rinda/*) are bundled; every npm package stays an ordinary import resolved
 * from node_modules, as under tsx: native modules (better-sqlite3, @napi-rs/canvas, @node-rs/argon2)
 * cannot be bundled, and the rest run unchanged. Tests and `npm run dev` keep running the sources.
 */
import { existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_SRC = resolve(ROOT, 'apps/server/src');
const SERVER_DIST = resolve(ROOT, 'apps/server/dist');
/** The server's entry, `<outdir>/main.mjs` once built. */
export const SERVER_MAIN = resolve(SERVER_SRC, 'main.ts');
const REPORT_RUNNER = resolve(SERVER_SRC, 'reports/report-runner.ts');
/** The compiled report worker's name in the output directory (the runner is told where it is). */
const REPORT_WORKER_NAME = 'report-worker';

const posix = (path: string) => path.split('\\').join('/');

/** npm packages are imported from node_modules at run time; only @rinda/* and relative files are bundled. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rinda/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Every bundled module keeps seeing its own source file as `import.meta.url`, so the files it finds next
 * to itself (migrations, the built web apps, package.json) are found exactly as when it runs from source.
 * The URL is relative to the bundle, so the checkout can move after a build.
 */
function sourceImportMetaUrl(outdir: string): Plugin {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const source = await readFile(args.path, 'utf8');
        const fromBundle = JSON.stringify(posix(relative(outdir, args.path)));
        return { contents: source.replaceAll('import.meta.url', `new URL(${fromBundle}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

export interface ServerBuild {
  /** Output name (without extension) → entry file; each becomes `<outdir>/<name>.mjs`. */
  entries: Record<string, string>;
  outdir: string;
}

/**
 * Bundles the entries, and the report worker next to them. Dynamic imports become chunks of their own,
 * loaded only when reached, as under tsx.
 */
export async function buildServer({ entries, outdir }: ServerBuild): Promise<void> {
  checkWorkspaceLinks(ROOT);
  const reportWorkerFromRunner = posix(relative(dirname(REPORT_RUNNER), resolve(outdir, `${REPORT_WORKER_NAME}.mjs`)));
  await build({
    entryPoints: { ...entries, [REPORT_WORKER_NAME]: resolve(SERVER_SRC, 'reports/report-worker-main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Chunks stay in outdir itself, beside the entries: the rewritten import.meta.url is relative to outdir.
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { RINDA_COMPILED_REPORT_WORKER: JSON.stringify(reportWorkerFromRunner) },
    plugins: [npmPackagesExternal, sourceImportMetaUrl(outdir)],
  });
}

/**
 * Throws unless every workspace package (node_modules/@rinda/*) is this checkout's own. A second worktree given
 * another checkout's node_modules (a symlink, to save an install) resolves @rinda/* to that checkout: its build
 * bundles the other checkout's server, and a benchmark's "before" side silently measures the "after" code
 * (docs/BENCHMARKS.md, issue 22's eleventh round).
 */
export function checkWorkspaceLinks(root: string): void {
  const realRoot = realpathSync(root);
  const links = join(root, 'node_modules', '@rinda');
  if (!existsSync(links)) throw new Error(`${links} is missing: run npm install in ${realRoot}`);
  for (const name of readdirSync(links)) {
    const target = realpathSync(join(links, name));
    if (target !== realRoot && !target.startsWith(realRoot + sep)) {
      throw new Error(`node_modules/@rinda/${name} is ${target}, outside this checkout (${realRoot}): a build here would bundle another checkout's code; run npm install in ${realRoot}`);
    }
  }
}

/** Chunks are named by their content's hash: the last build's files go, so none stays behind unused. */
function removePreviousBuild(outdir: string): void {
  if (!existsSync(outdir)) return;
  for (const entry of readdirSync(outdir, { withFileTypes: true })) if (entry.isFile()) rmSync(join(outdir, entry.name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  removePreviousBuild(SERVER_DIST);
  await buildServer({ entries: { main: SERVER_MAIN }, outdir: SERVER_DIST });
  console.log(`Built the server into ${relative(process.cwd(), SERVER_DIST) || '.'}/main.mjs`);
}
