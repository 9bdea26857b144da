/**
 * Table Storage key encoding. PartitionKey / RowKey may not contain `/ \ # ?` nor control
 * characters, so ids are encoded reversibly: `%`, `!`, `|`, the forbidden characters and
 * control characters become `%XX`, then `/` becomes `!`. The encoding keeps ARM-id prefixes
 * (a parent's key is a prefix of its children's keys, followed by `!`), which makes "resource
 * and its children" a RowKey range.
 */

const ESCAPE = /[%!|\\#?\u0000-\u001f\u007f-\u009f]/g;

export function encodeKey(value: string): string {
  return value.replace(ESCAPE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/\//g, '!');
}

export function decodeKey(key: string): string {
  return key.replace(/!/g, '/').replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The separator between the encoded resource id and the rule id in a findings RowKey. */
export const FINDING_KEY_SEPARATOR = '|';
/** What `/` becomes in an encoded id: the first character after a parent's key in a child's key. */
export const PATH_SEPARATOR = '!';

/** The smallest string greater than every string that starts with `prefix` (half-open range end). */
export function prefixEnd(prefix: string): string {
  if (prefix === '') throw new Error('prefixEnd of an empty prefix');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The largest JavaScript Date value in ms; inverted times count down from it. */
const MAX_MS = 8_640_000_000_000_000;

/** A 16-digit string that sorts newer times first. */
export function invertedTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS) throw new RangeError(`time out of range for an inverted key: ${ms}`);
  return String(MAX_MS - Math.floor(ms)).padStart(16, '0');
}

/** The time in ms an inverted key (or a key that starts with one) was made from. */
export function timeOfInverted(key: string): number | undefined {
  const digits = /^\d{16}/.exec(key)?.[0];
  return digits === undefined ? undefined : MAX_MS - Number(digits);
}

/** `yyyy-mm` (UTC) of a time in ms. */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear().toString().padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every `yyyy-mm` from the month of `untilMs` back to the month of `sinceMs`, newest first. */
export function monthsBetween(sinceMs: number, untilMs: number): string[] {
  const out: string[] = [];
  const since = new Date(sinceMs);
  const end = since.getUTCFullYear() * 12 + since.getUTCMonth();
  const until = new Date(untilMs);
  for (let m = until.getUTCFullYear() * 12 + until.getUTCMonth(); m >= end; m--) {
    out.push(`${Math.floor(m / 12).toString().padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
