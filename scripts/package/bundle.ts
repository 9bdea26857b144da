/**
 * The Function app as the host runs it: one CommonJS file bundled by esbuild from
 * src/functions/index.ts with every dependency inside (the host provides no node_modules;
 * only `@azure/functions-core`, which the Node worker injects), plus host.json and a package.json
 * whose `main` points at it.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE_MAIN = 'dist/index.js';

export interface AppFolder {
  /** The folder holding host.json, package.json and the bundle. */
  readonly dir: string;
  /** Relative paths of the files, in the order they go into the zip. */
  readonly files: readonly string[];
  readonly bundleBytes: number;
  /** Source modules the bundle holds (ours and node_modules'). */
  readonly modules: number;
}

/** Builds the deployable folder into `dir` (emptied first). */
export async function buildAppFolder(dir: string): Promise<AppFolder> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, path.dirname(BUNDLE_MAIN)), { recursive: true });
  const outfile = path.join(dir, BUNDLE_MAIN);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/functions/index.ts'],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    // Provided by the Azure Functions Node.js worker at run time; absent everywhere else.
    external: ['@azure/functions-core'],
    minify: true,
    // Error class names show in logs and some SDK code compares `error.name`.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const own = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; description?: string; license?: string };
  const appPackage = {
    name: `${own.name}-functions`,
    version: own.version,
    description: `${(own.description ?? own.name).replace(/\.$/, '')}: the deployable Function app, bundled (nothing to install)`,
    license: own.license,
    private: true,
    type: 'commonjs',
    main: BUNDLE_MAIN,
    engines: { node: '>=22' },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  writeFileSync(path.join(dir, 'host.json'), readFileSync(path.join(ROOT, 'host.json')));
  return {
    dir,
    files: ['host.json', 'package.json', BUNDLE_MAIN],
    bundleBytes: result.metafile.outputs[path.relative(ROOT, outfile)]?.bytes ?? readFileSync(outfile).length,
    modules: Object.keys(result.metafile.inputs).length,
  };
}
