// Builds the approval console into dist/web: src/web/browser bundled by esbuild (ES modules,
// minified; MSAL.js in a chunk of its own, loaded only for Entra ID sign-in), plus the static page,
// style sheet and icon copied unchanged.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'src/web/browser/main.ts') },
  outdir: out,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// Chunks of earlier builds go; the folder itself stays (tests may be reading it while a test rebuilds).
const built = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)));
for (const f of readdirSync(out)) if (/^chunk-.*\.js$/.test(f) && !built.has(f)) rmSync(join(out, f));
for (const file of ['index.html', 'app.css', 'icon.svg']) copyFileSync(join(root, 'src/web/static', file), join(out, file));
