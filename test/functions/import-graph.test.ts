import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');
/** Modules of our own that only local runs and tests use. */
const DEV_ONLY_MODULES = [/^src\/sandbox\//, /^src\/cli\//, /^src\/store\/azurite\.ts$/];
/** Packages the function app must not load: every devDependency (a deployment runs `npm ci --omit=dev`), and the sandbox's certificate maker. */
const packageJson = z.object({ devDependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
const DEV_ONLY_PACKAGES = [...Object.keys(packageJson.devDependencies), 'selfsigned'];

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

let graph: Metafile;
beforeAll(async () => {
  // The graph a bundler sees from the function app's entry point: our files are inputs, packages stay external.
  const result = await build({ absWorkingDir: ROOT, entryPoints: ['src/functions/index.ts'], bundle: true, write: false, metafile: true, platform: 'node', packages: 'external', logLevel: 'silent' });
  graph = result.metafile;
});

describe("the function app's import graph (src/functions/index.ts)", () => {
  it('reaches the engine, the store and the azure layer (the walk itself works)', () => {
    const files = Object.keys(graph.inputs);
    for (const f of ['src/functions/index.ts', 'src/engine/evaluate-resource.ts', 'src/store/store.ts', 'src/azure/arm-reader.ts', 'src/resources/index.ts']) expect(files).toContain(f);
  });

  it('holds no sandbox, CLI or Azurite module of ours', () => {
    expect(Object.keys(graph.inputs).filter((f) => DEV_ONLY_MODULES.some((m) => m.test(f)))).toEqual([]);
  });

  it('loads no dev-only package (devDependencies, selfsigned)', () => {
    const external = new Set(Object.values(graph.inputs).flatMap((i) => i.imports.filter((im) => im.external).map((im) => packageOf(im.path))));
    expect(DEV_ONLY_PACKAGES.filter((p) => external.has(p))).toEqual([]);
    expect(external.has('@azure/functions')).toBe(true);
  });
});
