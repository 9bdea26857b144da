#!/usr/bin/env node
/**
 * npm's `prepare` (runs on `npm ci` / `npm install`): builds dist/ for the CLI when TypeScript is
 * installed. A production install (`npm ci --omit=dev`) has no TypeScript and needs no build: the
 * Function app is deployed from `npm run package` (a bundle), so the build is skipped, not failed.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [path.resolve(__dirname, '..')] });
} catch {
  process.stdout.write('aml-guard prepare: TypeScript is not installed (production install), dist/ is not built; deploy with `npm run package`.\n');
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
process.exit(r.status ?? 1);
