/**
 * The deployable artefact (`npm run package`): built as the script builds it, unzipped by a
 * standard unzip tool into an empty folder with no node_modules anywhere above it, it loads with
 * `node` alone, registers exactly what the unbundled entry registers, and its handlers work.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_MAIN, buildAppFolder, type AppFolder } from '../../scripts/package/bundle';
import { zip } from '../../scripts/package/zip';
import { queueMetadata, startHostFixture, type HostFixture } from '../support/functions-host/fixture';
import { runUnderHost } from '../support/functions-host/run';
import { workspace } from '../support/harness';

const SUB = '5a5a5a5a-0000-4000-8000-00000000a1c2';
const WS = workspace(SUB, 'rg-pkg', 'ws-pkg', { publicNetworkAccess: 'Disabled' });

/** Extracts with the platform's unzip, else Python's zipfile: never with our own reader. */
function unzip(archive: string, into: string): void {
  const hasUnzip = spawnSync('unzip', ['-v']).status === 0;
  if (hasUnzip) execFileSync('unzip', ['-q', archive, '-d', into]);
  else execFileSync('python3', ['-m', 'zipfile', '-e', archive, into]);
}

let app: AppFolder;
let unzipped: string;
let host: HostFixture;

beforeAll(async () => {
  app = await buildAppFolder(path.join(mkdtempSync(path.join(tmpdir(), 'aml-guard-build-')), 'app'));
  const archive = path.join(path.dirname(app.dir), 'aml-guard-functions.zip');
  writeFileSync(archive, zip(app.files.map((name) => ({ name, data: readFileSync(path.join(app.dir, name)) }))));
  unzipped = mkdtempSync(path.join(tmpdir(), 'aml-guard-unzipped-'));
  unzip(archive, unzipped);
  host = await startHostFixture([WS], { AMLGUARD_SUBSCRIPTIONS: SUB });
}, 120_000);
afterAll(() => host?.close());

/** One of the chunks esbuild split off, the smallest (the host emulator reports the whole body on one line). */
function smallestChunk(): string {
  const web = path.join(unzipped, 'dist', 'web');
  const chunks = readdirSync(web).filter((f) => f.startsWith('chunk-'));
  return chunks.sort((a, b) => readFileSync(path.join(web, a)).length - readFileSync(path.join(web, b)).length)[0]!;
}

describe('npm run package', () => {
  it('holds host.json, package.json whose main is the bundle, the bundle, the console; nothing else', () => {
    const listing = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listing(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    const files = listing(unzipped).sort();
    // the console's chunks (MSAL.js, split off by esbuild) have hashed names
    const chunks = files.filter((f) => /^dist\/web\/chunk-[A-Za-z0-9]+\.js$/.test(f));
    expect(chunks.length).toBeGreaterThan(0);
    expect(files.filter((f) => !chunks.includes(f))).toEqual(['dist/handlers.js', 'dist/index.js', 'dist/web/app.css', 'dist/web/app.js', 'dist/web/icon.svg', 'dist/web/index.html', 'host.json', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(unzipped, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ main: BUNDLE_MAIN, type: 'commonjs' });
    expect(pkg['dependencies']).toBeUndefined();
    expect(readFileSync(path.join(unzipped, 'host.json'), 'utf8')).toBe(readFileSync(path.resolve(__dirname, '../../host.json'), 'utf8'));
    expect(app.modules).toBeGreaterThan(100);
  });

  it('loads with `node -e require(main)` and no node_modules', () => {
    const r = spawnSync(process.execPath, ['-e', `require('./${BUNDLE_MAIN}'); try { require.resolve('zod'); process.exit(7) } catch {}`], {
      cwd: unzipped,
      env: { PATH: process.env.PATH ?? '', AMLGUARD_STORAGE_ACCOUNT: 'amlguardsa' },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/Cannot find module|Error:/);
    expect(r.status).toBe(0);
  });

  it('registers exactly what the unbundled entry registers, fixes a public workspace from a queue message, serves the console', async () => {
    const dist = await runUnderHost(path.resolve(__dirname, '../../dist/src/functions/index.js'), host.env);
    const opened = await host.userOpens(WS.id);
    const bundled = await runUnderHost(path.join(unzipped, BUNDLE_MAIN), host.env, [
      { function: 'onResourceChange', input: opened, triggerMetadata: queueMetadata('msg-bundle', 1) },
      { function: 'consoleAssets', http: { method: 'GET', url: 'https://app.example/console/app.js' } },
      { function: 'consoleAssets', http: { method: 'GET', url: `https://app.example/console/${smallestChunk()}` } },
    ]);
    expect(bundled.registrations).toEqual(dist.registrations);
    expect(bundled.results[0]).toMatchObject({ ok: true });
    expect(bundled.results[1]).toMatchObject({ ok: true, output: { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } } });
    expect(bundled.results[2]).toMatchObject({ ok: true, output: { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } } });
    expect(bundled.results[0]?.logs?.join('\n')).toMatch(/"applied":1/);
    expect(host.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');
  });
});
