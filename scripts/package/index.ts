/**
 * npm run package: build/aml-guard-functions.zip, the artefact infra/README.md deploys
 * (host.json, package.json, dist/index.js at its root). The unzipped folder stays in build/app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildAppFolder, ROOT } from './bundle';
import { zip } from './zip';

export const ZIP_PATH = path.join(ROOT, 'build', 'aml-guard-functions.zip');

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? ZIP_PATH);
  const app = await buildAppFolder(path.join(path.dirname(out), 'app'));
  const archive = zip(app.files.map((name) => ({ name, data: readFileSync(path.join(app.dir, name)) })));
  writeFileSync(out, archive);
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  process.stdout.write(`${path.relative(process.cwd(), out) || out}: ${mib(archive.length)} (bundle ${mib(app.bundleBytes)}, ${app.modules} modules, of which the entry ${mib(app.entryBytes)}, ${app.entryModules} modules; ${app.files.join(', ')})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
