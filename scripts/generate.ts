/** Writes what is derived from the descriptors and the catalog (npm run generate): see generated-files.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, ROOT } from './generated-files';

for (const { file, content } of generatedFiles()) {
  const target = path.join(ROOT, file);
  if (readFileSync(target, 'utf8') === content) continue;
  writeFileSync(target, content);
  process.stdout.write(`updated ${file}\n`);
}
