import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';

export interface TempFiles {
  readonly dir: string;
  /** Writes `content` (JSON, or a string as is) to `dir/name` and returns its path. */
  file(name: string, content: unknown): string;
}

/** A temporary folder for one test file's inputs and outputs, removed after its tests. */
export function tempFiles(prefix: string): TempFiles {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const p = path.join(dir, name);
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return p;
    },
  };
}
