import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildShell, MAIN_EXTERNALS } from '../scripts/build-shell';

// What electron-builder packages: the bundles must load inside Electron without the workspace around them.
describe('shell build', () => {
  it('bundles a preload that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'rinda-shell-build-'));
    const { main, preload } = await buildShell(outDir);

    const preloadImports = Object.values(preload!.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(new Set(preloadImports)).toEqual(new Set(['electron']));
    const preloadCode = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(preloadCode).toContain('exposeInMainWorld("rindaShell"');

    const mainExternals = Object.values(main!.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path));
    const builtins = new Set(['fs', 'path', 'net', 'os', 'http', 'https', 'url', 'util', 'events', 'stream', 'crypto', 'child_process', 'zlib', 'buffer', 'string_decoder', 'assert', 'tty', 'worker_threads', 'module', 'diagnostics_channel', 'async_hooks', 'timers', 'fs/promises', 'process', 'v8', 'constants', 'dns', 'readline']);
    for (const path of mainExternals) expect(builtins.has(path) || (MAIN_EXTERNALS as readonly string[]).some((name) => path === name || path.startsWith(`${name}/`))).toBe(true);
    expect(mainExternals).toContain('electron');

    const written = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as Awaited<ReturnType<typeof buildShell>>['appPackage'];
    expect(written.main).toBe('main.cjs');
    expect(Object.keys(written.dependencies)).not.toContain('electron');
  });

  it('electron-builder.yml packages the built files for Linux (AppImage, deb) and Windows (nsis)', () => {
    const config = load(readFileSync(join(__dirname, '../../../electron-builder.yml'), 'utf8')) as {
      directories: { app: string };
      files: string[];
      linux: { target: string[] };
      win: { target: { target: string }[] };
    };
    expect(config.directories.app).toBe('dist');
    expect(config.files).toEqual(expect.arrayContaining(['main.cjs', 'preload.cjs', 'package.json']));
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target.map((t) => t.target)).toContain('nsis');
  });
});
