import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseBoundedJson, type ArmResource } from '../model';
import { EstateError, parseEstate } from './estate-validation';

/** Reads and validates an estate file. Errors name the file and the JSON path (EstateError, no stack needed). */
export async function loadEstateFile(path: string): Promise<ArmResource[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EstateError(`estate file ${path}: cannot read it (${code ?? (error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseBoundedJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new EstateError(`estate file ${path}: not valid JSON (${where(text, error as Error)})`);
  }
  return parseEstate(raw, `estate file ${path}`);
}

/** Validates and writes an estate file (pretty JSON, atomically). */
export async function writeEstateFile(path: string, resources: readonly ArmResource[]): Promise<void> {
  parseEstate(resources, `estate for ${path}`);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(resources, null, 2)}\n`, 'utf8');
  await rename(tmp, path);
}

/** The parser's message, with line and column when it gives a position. */
function where(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return error.message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return `${error.message}; line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
