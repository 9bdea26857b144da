/**
 * The Function app as the host runs it: CommonJS bundled by esbuild with every dependency
 * inside (the host provides no node_modules; only `@azure/functions-core`, which the Node worker
 * injects), plus host.json and a package.json whose `main` points at it. Two files: the entry
 * (src/functions/index.ts: settings and registrations, what the worker loads to index the app)
 * and the handlers (engine, store, SDKs), which the entry requires on the first invocation; plus
 * the approval console's built files (dist/web), which the handlers serve.
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONSOLE_FILES } from '../../src/web/assets';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE_MAIN = 'dist/index.js';
export const BUNDLE_HANDLERS = 'dist/handlers.js';

export interface AppFolder {
  /** The folder holding host.json, package.json and the bundle. */
  readonly dir: string;
  /** Relative paths of the files, in the order they go into the zip. */
  readonly files: readonly string[];
  readonly bundleBytes: number;
  /** Source modules the bundle holds (ours and node_modules'). */
  readonly modules: number;
  /** Bytes and modules of the entry alone (what loading the app costs before an invocation). */
  readonly entryBytes: number;
  readonly entryModules: number;
}

/** Builds the deployable folder into `dir` (emptied first). */
export async function buildAppFolder(dir: string): Promise<AppFolder> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, path.dirname(BUNDLE_MAIN)), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'src/functions/index.ts', handlers: 'src/functions/handlers.ts' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outdir: path.join(dir, path.dirname(BUNDLE_MAIN)),
    // Provided by the Azure Functions Node.js worker at run time; absent everywhere else.
    external: ['@azure/functions-core'],
    plugins: [handlersApart],
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
  // The console as `npm run build` makes it (dist/web), where the handlers look for it (beside the bundle).
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
  // Every built file: the named assets and the chunks esbuild splits off (MSAL.js, loaded for Entra ID sign-in).
  const web = readdirSync(path.join(ROOT, 'dist', 'web')).map((f) => `dist/web/${f}`);
  const missing = Object.values(CONSOLE_FILES).filter((f) => !web.includes(`dist/web/${f.file}`));
  if (missing.length) throw new Error(`the console build lacks ${missing.map((f) => f.file).join(', ')}`);
  mkdirSync(path.join(dir, 'dist', 'web'), { recursive: true });
  for (const f of web) copyFileSync(path.join(ROOT, f), path.join(dir, f));
  return {
    dir,
    files: ['host.json', 'package.json', BUNDLE_MAIN, BUNDLE_HANDLERS, ...web],
    bundleBytes: Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0),
    // (the console's files are not counted: the browser loads them, not the worker)
    modules: Object.keys(result.metafile.inputs).length,
    entryBytes: output(result.metafile, dir, BUNDLE_MAIN).bytes,
    entryModules: Object.keys(output(result.metafile, dir, BUNDLE_MAIN).inputs).length,
  };
}

function output(metafile: esbuild.Metafile, dir: string, file: string): esbuild.Metafile['outputs'][string] {
  const key = path.relative(ROOT, path.join(dir, file));
  const out = metafile.outputs[key];
  if (!out) throw new Error(`esbuild wrote no ${key}`);
  return out;
}

/** The registrations' `require('./handlers')` stays a require of the handlers bundle beside the entry. */
const handlersApart: esbuild.Plugin = {
  name: 'handlers-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/handlers$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'functions', 'registrations.ts')) ? { path: './handlers.js', external: true } : undefined,
    );
  },
};
