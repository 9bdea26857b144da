import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, ROOT } from '../../scripts/generated-files';

describe('files generated from the resource descriptors and the rule catalog (npm run generate)', () => {
  it.each(generatedFiles().map((g) => [g.file, g.content] as const))('%s is up to date', (file, content) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8'), `${file} drifted from src/resources or the catalog: run npm run generate`).toBe(content);
  });
});
