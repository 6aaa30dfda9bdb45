import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const desktopDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages left out of the main bundle: Electron itself, and native addons (a .node file cannot be bundled).
 * They are listed in dist/package.json so electron-builder installs them into the packaged app.
 */
export const MAIN_EXTERNALS = ['electron', '@napi-rs/canvas'] as const;

/** Electron 45 runs Node 22 in main and Chromium 140 in the preload's sandbox. */
const common: BuildOptions = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning', metafile: true };

/**
 * Bundles main.ts and preload.ts into `outDir` as CommonJS (a sandboxed preload cannot load ES modules, nor
 * require anything but 'electron'), plus the package.json electron-builder packages from.
 */
export async function buildShell(outDir = join(desktopDir, 'dist')) {
  mkdirSync(outDir, { recursive: true });
  const main = await build({
    ...common,
    entryPoints: [join(desktopDir, 'src/main.ts')],
    outfile: join(outDir, 'main.cjs'),
    external: [...MAIN_EXTERNALS],
    // Modules written as ESM may read import.meta.url; in a CommonJS bundle it comes from __filename.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  const preload = await build({ ...common, entryPoints: [join(desktopDir, 'src/preload.ts')], outfile: join(outDir, 'preload.cjs'), external: ['electron'] });

  const own = JSON.parse(readFileSync(join(desktopDir, 'package.json'), 'utf8')) as { name: string; version: string; description?: string };
  const require = createRequire(join(desktopDir, 'package.json'));
  const dependencies = Object.fromEntries(
    MAIN_EXTERNALS.filter((name) => name !== 'electron').map((name) => [name, (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version]),
  );
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const appPackage = {
    name: 'rinda-shell',
    productName: 'Rinda',
    version: own.version,
    description: 'Rinda kiosk and display shell',
    author: 'Rinda',
    main: 'main.cjs',
    dependencies,
    devDependencies: { electron: electronVersion },
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  return { main: main.metafile, preload: preload.metafile, appPackage };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildShell();
}
