/**
 * npm run bench (second part): cold start of the Function app, as ratios to `node -e 0` measured
 * in the same run: requiring the unbundled entry (dist/, what `npm run build` makes) and the
 * bundled one (what `npm run package` deploys), each alone (what the worker loads to index the
 * functions) and followed by the handlers module (what the first invocation adds). Medians over
 * COLD_START_RUNS runs (default 9), the commands interleaved so machine load hits them alike.
 * Measured, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUNDLE_HANDLERS, BUNDLE_MAIN, buildAppFolder, ROOT } from '../scripts/package/bundle';

const RUNS = Number(process.env.COLD_START_RUNS ?? 9);
/** Valid app settings, so the entry registers every function as in Azure. */
const ENV = { PATH: process.env.PATH ?? '', AMLGUARD_STORAGE_ACCOUNT: 'amlguardbench' };

function wallMs(args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return ms;
}

function loadedModules(args: readonly string[], cwd: string): number {
  const r = spawnSync(process.execPath, [args[0]!, `${args[1]!} process.stdout.write(String(Object.keys(require.cache).length))`], { cwd, env: ENV, encoding: 'utf8' });
  return Number(r.stdout);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const dist = path.join(ROOT, 'dist', 'src', 'functions', 'index.js');
  const distHandlers = path.join(ROOT, 'dist', 'src', 'functions', 'handlers.js');
  const app = await buildAppFolder(path.join(mkdtempSync(path.join(tmpdir(), 'aml-guard-bench-')), 'app'));
  const bundle = path.join(app.dir, BUNDLE_MAIN);
  const bundleHandlers = path.join(app.dir, BUNDLE_HANDLERS);
  const req = (...files: string[]) => ['-e', files.map((f) => `require(${JSON.stringify(f)});`).join('')];
  const commands: Record<string, { args: string[]; cwd: string }> = {
    'node -e 0': { args: ['-e', '0'], cwd: ROOT },
    'unbundled entry (dist/)': { args: req(dist), cwd: ROOT },
    'bundled entry (npm run package)': { args: req(bundle), cwd: app.dir },
    'unbundled entry + handlers': { args: req(dist, distHandlers), cwd: ROOT },
    'bundled entry + handlers': { args: req(bundle, bundleHandlers), cwd: app.dir },
  };
  const samples = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
  for (const c of Object.values(commands)) wallMs(c.args, c.cwd); // warm the file cache
  for (let i = 0; i < RUNS; i++) for (const [name, c] of Object.entries(commands)) samples.get(name)!.push(wallMs(c.args, c.cwd));
  const base = median(samples.get('node -e 0')!);
  const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;
  const modules: Record<string, string> = {
    'node -e 0': '',
    'unbundled entry (dist/)': `${loadedModules(req(dist), ROOT)} files loaded`,
    'bundled entry (npm run package)': `1 file, ${app.entryModules} modules, ${mib(app.entryBytes)}`,
    'unbundled entry + handlers': `${loadedModules(req(dist, distHandlers), ROOT)} files loaded`,
    'bundled entry + handlers': `2 files, ${app.modules} modules, ${mib(app.bundleBytes)}`,
  };
  console.log(`\ncold start, medians of ${RUNS} runs (node ${process.version}):`);
  console.table(
    [...samples].map(([name, xs]) => ({ command: name, 'median ms': Math.round(median(xs)), 'x node -e 0': (median(xs) / base).toFixed(2), what: modules[name] })),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
