import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The folder holding aml-guard's package.json, from source (tsx, vitest) or from dist/. */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${from}`);
    dir = up;
  }
  return dir;
}
