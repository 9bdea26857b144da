import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FaultSpec } from '../sandbox';
import { UsageError } from './usage-error';
import { parseBoundedJson } from '../model';

const faultSchema = z.strictObject({
  method: z.string().regex(/^[A-Za-z]+$/, 'an HTTP method').optional(),
  /** A regular expression tested (case-insensitively, like ARM ids) against the request path. */
  pathPattern: z
    .string()
    .min(1)
    .refine((p) => compiles(p), 'a valid regular expression')
    .optional(),
  status: z.number().int().min(400).max(599),
  code: z.string().min(1),
  message: z.string(),
  times: z.number().int().min(1).default(1),
  retryAfterSeconds: z.number().int().min(0).optional(),
  failOperation: z.boolean().optional(),
});

/**
 * `--faults FILE`: a JSON array of `{method, pathPattern, status, code, message, times}` (plus
 * optional `retryAfterSeconds`, `failOperation`), injected in order. Errors name the file and the index.
 */
export async function loadFaultsFile(file: string): Promise<FaultSpec[]> {
  let raw: unknown;
  try {
    raw = parseBoundedJson(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`faults file ${file}: ${code ? `cannot read it (${code})` : `not valid JSON (${(error as Error).message})`}`);
  }
  const parsed = z.array(faultSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') || '(top level)';
    throw new UsageError(`faults file ${file}: ${where}: ${issue.message}${issue.path.length === 0 ? ' (expected a JSON array of {method, pathPattern, status, code, message, times})' : ''}`);
  }
  return parsed.data.map((f) => ({
    status: f.status,
    code: f.code,
    message: f.message,
    times: f.times,
    ...(f.method !== undefined ? { method: f.method.toUpperCase() } : {}),
    ...(f.pathPattern !== undefined ? { pathPattern: new RegExp(f.pathPattern, 'i') } : {}),
    ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
    ...(f.failOperation !== undefined ? { failOperation: f.failOperation } : {}),
  }));
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
