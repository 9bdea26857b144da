import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { armResourceSchema, type ArmResource } from '../../src/model';

/** Official example payloads, copied unchanged into the repository (see test/fixtures/SOURCES.md). */
export const FIXTURES = path.resolve(__dirname, '../fixtures');

export function readFixture(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

/** The response body of an x-ms-example for a status code (default: the first 2xx with a body). */
export function exampleBody(relative: string, status?: string): unknown {
  const example = readFixture(relative) as { responses: Record<string, { body?: unknown }> };
  const code = status ?? Object.keys(example.responses).find((c) => c.startsWith('2') && example.responses[c]?.body !== undefined);
  if (!code) throw new Error(`${relative}: no 2xx response with a body`);
  return example.responses[code]!.body;
}

export function exampleResource(relative: string, status?: string): ArmResource {
  return armResourceSchema.parse(exampleBody(relative, status));
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}
