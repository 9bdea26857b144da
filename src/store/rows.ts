/**
 * Turning domain objects into entity properties and back. A string property holds at most
 * 64 KiB (32K UTF-16 characters), so JSON and free text are capped with a visible marker, and
 * every row read back is validated with the model's zod schema.
 */
import type { z } from 'zod';
import { describeZodError, type JsonValue } from '../model';
import { CorruptEntityError, messageOf } from './errors';
import type { ReadEntity } from './table';

/** Longest JSON property the store writes (characters); well under the 64 KiB property limit. */
export const MAX_JSON_CHARS = 30_000;
const PREVIEW_CHARS = 28_000;
/** Longest free-text property (error messages, summaries). */
export const MAX_TEXT_CHARS = 16_000;
export const TRUNCATED_MARK = '…[truncated by AML Guard]';

/** What a too-large JSON value is replaced with: still a JSON object, so readers see why. */
export interface TruncatedJson {
  readonly __truncated: true;
  readonly originalChars: number;
  readonly preview: string;
}

export function jsonProperty(value: JsonValue): string {
  const json = JSON.stringify(value);
  if (json.length <= MAX_JSON_CHARS) return json;
  const marker: TruncatedJson = { __truncated: true, originalChars: json.length, preview: json.slice(0, PREVIEW_CHARS) + TRUNCATED_MARK };
  return JSON.stringify(marker);
}

export function textProperty(value: string | undefined): string | undefined {
  if (value === undefined || value.length <= MAX_TEXT_CHARS) return value;
  return value.slice(0, MAX_TEXT_CHARS - TRUNCATED_MARK.length) + TRUNCATED_MARK;
}

/** The entity's keys, for error messages. */
export function keysOf(entity: ReadEntity): { partitionKey: string; rowKey: string } {
  return { partitionKey: entity.partitionKey ?? '?', rowKey: entity.rowKey ?? '?' };
}

/**
 * Reads a row: copies its properties, parses the named JSON properties, validates with `schema`.
 * Any problem -> CorruptEntityError naming the table and keys.
 */
export function decodeRow<T>(table: string, entity: ReadEntity, schema: z.ZodType<T>, jsonProps: readonly string[] = []): T {
  const { partitionKey, rowKey } = keysOf(entity);
  const raw: Record<string, unknown> = { ...entity };
  for (const p of jsonProps) {
    const v = raw[p];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new CorruptEntityError(table, partitionKey, rowKey, `${p} is not a JSON string`);
    try {
      raw[p] = JSON.parse(v) as unknown;
    } catch (e) {
      throw new CorruptEntityError(table, partitionKey, rowKey, `${p} is not valid JSON (${messageOf(e)})`, { cause: e });
    }
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new CorruptEntityError(table, partitionKey, rowKey, describeZodError(r.error), { cause: r.error });
  return r.data;
}
