/**
 * Input JSON is parsed with a bound on its nesting: every consumer (zod schemas, the rules, the
 * sandbox's merge) walks values recursively, so a document nested thousands of levels deep would
 * end in a stack overflow instead of a clear "bad input". No ARM resource, event or request of
 * this project nests beyond a few dozen levels.
 */
export const MAX_JSON_DEPTH = 64;

/** Where the nesting first exceeds `max` (1-based line and column), or undefined. Scans the text without recursion. */
export function excessiveNesting(text: string, max = MAX_JSON_DEPTH): { readonly line: number; readonly column: number } | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return { line, column: i - lineStart + 1 };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** JSON.parse, refusing a document nested deeper than `max` levels (a SyntaxError that says where). */
export function parseBoundedJson(text: string, max = MAX_JSON_DEPTH): unknown {
  const at = excessiveNesting(text, max);
  if (at) throw new SyntaxError(`nested deeper than ${max} levels (line ${at.line}, column ${at.column})`);
  return JSON.parse(text) as unknown;
}
