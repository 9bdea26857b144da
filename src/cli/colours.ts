import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types';
import type { CliIo } from './io';

/** Colours for stdout: only on a terminal, never with NO_COLOR (https://no-color.org). */
export function stdoutColours(io: CliIo): Colors {
  return picocolors.createColors(io.stdoutIsTty === true && !io.env.NO_COLOR);
}

/** The colour of a severity, an outcome or a finding status (plain text otherwise). */
export function paintWord(c: Colors, word: string): string {
  switch (word) {
    case 'critical':
      return c.bold(c.red(word));
    case 'high':
    case 'failed':
    case 'open':
      return c.red(word);
    case 'medium':
    case 'skipped-cap':
    case 'excepted':
    case 'skipped-exception':
      return c.yellow(word);
    case 'applied':
    case 'resolved':
    case 'already-compliant':
      return c.green(word);
    case 'planned':
      return c.cyan(word);
    case 'low':
    case 'skipped-audit':
    case 'report-only':
      return c.dim(word);
    default:
      return word;
  }
}

/** Paints a padded cell by its trimmed word (table cells that are a severity, outcome or status). */
export function paintCell(c: Colors, padded: string, raw: string): string {
  const painted = paintWord(c, raw);
  return painted === raw ? padded : `${painted}${padded.slice(raw.length)}`;
}
