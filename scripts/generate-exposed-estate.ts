/** Writes examples/exposed-estate.json from scripts/exposed-estate.ts (`npx tsx scripts/generate-exposed-estate.ts`). */
import * as path from 'node:path';
import { writeEstateFile } from '../src/sandbox/estate-file';
import type { ArmResource } from '../src/model';
import { exposedEstate } from './exposed-estate';

const target = path.join(__dirname, '..', 'examples', 'exposed-estate.json');
writeEstateFile(target, exposedEstate() as ArmResource[]).then(
  () => process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
