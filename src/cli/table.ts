/**
 * Text tables that fit the terminal: the identity columns keep their full width, the last
 * (detail) column wraps into what is left. When too little is left, the detail goes on its own
 * indented lines under the row. No line is wider than `width` (a single word longer than a line
 * is broken, never cut).
 */

export interface TableOptions {
  /** Columns of the terminal. */
  readonly width: number;
  /** Colours a cell already padded to its width (`raw` is the cell's text); none by default. */
  readonly paint?: (column: number, padded: string, raw: string) => string;
  /** Colours the header line. */
  readonly paintHeader?: (text: string) => string;
}

const GAP = '  ';
/** Below this, the detail column moves under its row. */
const MIN_DETAIL_WIDTH = 40;
const STACK_INDENT = '    ';

export function textTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions): string {
  const paint = options.paint ?? ((_c: number, padded: string) => padded);
  const paintHeader = options.paintHeader ?? ((t: string) => t);
  const last = headers.length - 1;
  const fixed = headers.slice(0, last).map((h, i) => Math.max(h.length, ...rows.map((r) => oneLine(r[i] ?? '').length)));
  const prefix = fixed.reduce((a, w) => a + w + GAP.length, 0);
  const detailWidth = options.width - prefix;
  const stacked = last > 0 && detailWidth < MIN_DETAIL_WIDTH;
  const out: string[] = [];
  const fixedCells = (cells: readonly string[], painter: (i: number, padded: string, raw: string) => string) =>
    cells.slice(0, last).map((c, i) => painter(i, oneLine(c).padEnd(fixed[i]!), oneLine(c)));

  const headerLine = stacked ? fixedCells(headers, (_i, p) => p).join(GAP) : [...fixedCells(headers, (_i, p) => p), headers[last] ?? ''].join(GAP);
  out.push(...hardWrap(headerLine.trimEnd(), options.width).map(paintHeader));
  for (const row of rows) {
    const detail = oneLine(row[last] ?? '');
    if (stacked) {
      out.push(...hardWrap(fixedCells(row, paint).join(GAP).trimEnd(), options.width));
      if (detail) for (const line of wrap(detail, options.width - STACK_INDENT.length)) out.push(`${STACK_INDENT}${paint(last, line, detail)}`);
      continue;
    }
    const lines = last === 0 ? wrap(detail, options.width) : wrap(detail, detailWidth);
    const head = fixedCells(row, paint).join(GAP);
    lines.forEach((line, i) => {
      const left = i === 0 ? head : ' '.repeat(prefix - GAP.length);
      out.push(`${last === 0 ? '' : `${left}${GAP}`}${paint(last, line, detail)}`.trimEnd());
    });
  }
  return out.join('\n');
}

/** Cells are one line: newlines and tabs become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/** Word wrap at `width` (at least 1 line; words longer than a line are broken). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((x) => x !== '')) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= w) {
      line += ` ${rest}`;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > w) {
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

/** A line of identity columns wider than the terminal is broken (its colour dropped), not cut. */
function hardWrap(line: string, width: number): string[] {
  const visible = line.replace(ANSI, '');
  if (visible.length <= width) return [line];
  const parts: string[] = [];
  for (let i = 0; i < visible.length; i += width) parts.push(visible.slice(i, i + width));
  return parts;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
