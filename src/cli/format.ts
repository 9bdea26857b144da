import { UsageError } from './usage-error';

export type OutputFormat = 'table' | 'json' | 'csv';

export function parseFormat(value: string | undefined): OutputFormat {
  const f = value ?? 'table';
  if (f === 'table' || f === 'json' || f === 'csv') return f;
  throw new UsageError(`--format: expected table, json or csv, got ${JSON.stringify(f)}`);
}

/** Renders rows as aligned columns for a terminal; cells are cut at `max` characters. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[], max = 80): string {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const cells = [headers, ...rows].map((r) => r.map((c) => cut(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** RFC 4180 CSV; formula-leading cells are prefixed so spreadsheets do not execute them. */
export function csv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [headers, ...rows].map((r) => r.map(cell).join(',')).join('\n');
}
