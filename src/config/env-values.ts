/**
 * How an environment variable's text becomes a typed value. An unset or blank variable is
 * `undefined` (so the schema's default applies); a value that does not convert is passed on
 * unchanged, so the schema rejects it under the variable's own name.
 */
import { z } from 'zod';

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

export function envText<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema);
}

export function envNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    const t = blankToUndefined(v);
    return typeof t === 'string' && Number.isFinite(Number(t)) ? Number(t) : t;
  }, schema);
}

export function envBoolean<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    const t = blankToUndefined(v);
    if (typeof t !== 'string') return t;
    return /^(1|true|yes|on)$/i.test(t) ? true : /^(0|false|no|off)$/i.test(t) ? false : t;
  }, schema);
}

/** Comma, semicolon or whitespace separated. */
export function envList<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    const t = blankToUndefined(v);
    return typeof t === 'string' ? t.split(/[\s,;]+/).filter(Boolean) : t;
  }, schema);
}

/** `KEY=value` pairs, comma, semicolon or whitespace separated. */
export function envPairs<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    const t = blankToUndefined(v);
    if (typeof t !== 'string') return t;
    const out: Record<string, string> = {};
    for (const pair of t.split(/[\s,;]+/).filter(Boolean)) {
      const eq = pair.indexOf('=');
      out[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
    }
    return out;
  }, schema);
}

/** An absolute https URL (http only on loopback, for local fakes), without a trailing slash. */
export const httpsUrl = z
  .string()
  .refine((value) => {
    try {
      const u = new URL(value);
      return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
    } catch {
      return false;
    }
  }, 'must be an https URL')
  .transform((v) => v.replace(/\/+$/, ''));

/** NCRONTAB with six fields (seconds first), as the Functions timer trigger reads it. */
export const ncrontab = z.string().regex(/^\S+( \S+){5}$/, 'must be an NCRONTAB expression with six fields, e.g. 0 0 */6 * * *');

export const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 time such as 2026-03-02T01:00:00Z');
