import { effectiveMode } from '../../model';
import { CATALOG } from '../../rules/catalog';
import { parseCommandArgs, single } from '../args';
import { csv, parseFormat, textTable } from '../format';
import type { CliIo } from '../io';
import { ruleCatalogMarkdown } from '../rule-catalog-markdown';
import { loadCliConfig } from '../runtime';

export const rulesUsage = 'aml-guard rules [--format table|json|csv|markdown]';

/** Prints the rule catalog, with each rule's effective mode under the current AMLGUARD_* settings. */
export async function rulesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { format: { type: 'string' } }, rulesUsage);
  const requested = single(args, 'format');
  if (requested === 'markdown') {
    io.stdout(`${ruleCatalogMarkdown(CATALOG)}\n`);
    return 0;
  }
  const format = parseFormat(requested);
  const config = loadCliConfig(io);
  const rows = CATALOG.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    benchmark: r.benchmark,
    defaultMode: r.defaultMode,
    mode: effectiveMode(config, r.id, r.defaultMode),
    remediation: r.remediation,
    rationale: r.rationale,
    appliesTo: r.appliesTo,
  }));
  if (format === 'json') io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (format === 'csv') io.stdout(`${csv(['id', 'severity', 'mode', 'defaultMode', 'benchmark', 'title', 'remediation'], rows.map((r) => [r.id, r.severity, r.mode, r.defaultMode, r.benchmark, r.title, r.remediation]))}\n`);
  else io.stdout(`${textTable(['RULE', 'SEVERITY', 'MODE', 'MCSB', 'TITLE', 'REMEDIATION'], rows.map((r) => [r.id, r.severity, r.mode, r.benchmark, r.title, r.remediation]), 70)}\n`);
  return 0;
}
