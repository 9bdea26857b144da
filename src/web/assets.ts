/**
 * The console's built assets (`npm run build` bundles src/web/browser with esbuild into
 * dist/web next to index.html and app.css), read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../package-root';

export interface ConsoleAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** URL path -> file in dist/web. */
export const CONSOLE_FILES: Readonly<Record<string, { readonly file: string; readonly contentType: string }>> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/console/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/console/app.css': { file: 'app.css', contentType: 'text/css; charset=utf-8' },
  '/console/icon.svg': { file: 'icon.svg', contentType: 'image/svg+xml' },
};

export function consoleAssetsDir(): string {
  return path.join(packageRoot(__dirname), 'dist', 'web');
}

let cache: Map<string, ConsoleAsset> | undefined;

/** The chunks esbuild splits off (MSAL.js): `/console/chunk-<hash>.js`. */
const CHUNK = /^\/console\/(chunk-[A-Za-z0-9]+\.js)$/;

function entryFor(urlPath: string): { readonly file: string; readonly contentType: string } | undefined {
  const chunk = CHUNK.exec(urlPath)?.[1];
  return chunk ? { file: chunk, contentType: 'text/javascript; charset=utf-8' } : CONSOLE_FILES[urlPath];
}

/** The asset for a URL path; undefined when the path is not an asset. Throws when the build is missing. */
export function consoleAsset(urlPath: string): ConsoleAsset | undefined {
  const entry = entryFor(urlPath);
  if (!entry) return undefined;
  cache ??= new Map();
  let asset = cache.get(urlPath);
  if (!asset) {
    const file = path.join(consoleAssetsDir(), entry.file);
    if (!existsSync(file)) {
      if (entry !== CONSOLE_FILES[urlPath]) return undefined; // an unknown chunk name: 404
      throw new Error(`the console is not built: ${file} is missing (run npm run build)`);
    }
    asset = { contentType: entry.contentType, body: readFileSync(file) };
    cache.set(urlPath, asset);
  }
  return asset;
}
