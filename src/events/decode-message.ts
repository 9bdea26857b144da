import { EventParseError } from './errors';
import { parseBoundedJson } from '../model';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** A JSON string holding JSON (double-encoded) is unwrapped at most this many times. */
const MAX_NESTING = 2;

/**
 * The events a queue / Event Grid / replay message holds, not yet validated: accepts parsed JSON
 * (one event or an array), JSON text, base64 of JSON text (the storage-queue encoding), or bytes.
 */
export function decodeMessage(input: unknown): unknown[] {
  const value = toJsonValue(input, 0);
  return Array.isArray(value) ? value : [value];
}

function toJsonValue(input: unknown, depth: number): object {
  if (input instanceof Uint8Array) return toJsonValue(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8'), depth);
  if (input instanceof ArrayBuffer) return toJsonValue(Buffer.from(input).toString('utf8'), depth);
  if (typeof input === 'string') {
    if (depth > MAX_NESTING) throw new EventParseError('message is JSON text nested too deeply (a JSON string holding a JSON string holding ...)');
    return toJsonValue(parseText(input), depth + 1);
  }
  if (input === null || typeof input !== 'object') {
    const what = input === null || input === undefined ? String(input) : `a ${typeof input}`;
    throw new EventParseError(`message is ${what}, expected an event object, an array of events, JSON text or base64 JSON`);
  }
  return input;
}

function parseText(raw: string): unknown {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new EventParseError('message is empty');
  const json = tryJson(text);
  if (json.ok) return json.value;
  const compact = text.replace(/\s+/g, '');
  if (BASE64.test(compact) || BASE64URL.test(compact)) {
    const decoded = Buffer.from(compact, BASE64.test(compact) ? 'base64' : 'base64url').toString('utf8').replace(/^\uFEFF/, '').trim();
    const inner = tryJson(decoded);
    if (inner.ok && inner.value !== null && typeof inner.value === 'object') return inner.value;
    if (!inner.ok && /^[[{]/.test(decoded)) throw new EventParseError(`message is not JSON or base64 JSON (base64 of JSON that does not parse: ${inner.error})`);
  }
  throw new EventParseError(`message is not JSON or base64 JSON (${json.error}; starts with ${JSON.stringify(text.slice(0, 40))})`);
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseBoundedJson(text) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
