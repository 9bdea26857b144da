import type { Command } from 'commander';
import { effectiveMode } from '../../model';
import { CATALOG } from '../../rules/catalog';
import { stdoutColours, paintCell } from '../colours';
import { csv } from '../format';
import { terminalColumns, type CommandEnv } from '../io';
import { formatOption } from '../options';
import { ruleCatalogMarkdown } from '../rule-catalog-markdown';
import { loadCliConfig } from '../runtime';
import { textTable } from '../table';

export function registerRules(parent: Command, env: CommandEnv): void {
  parent
    .command('rules')
    .summary("print the rule catalog and each rule's effective mode")
    .description('Prints the rule catalog, with each rule\'s effective mode under the current AMLGUARD_* settings. `--format markdown` is the README\'s rule table.')
    .addOption(formatOption(['table', 'json', 'csv', 'markdown']))
    .action((options: { format: 'table' | 'json' | 'csv' | 'markdown' }) => env.exit(printRules(options.format, env)));
}

function printRules(format: 'table' | 'json' | 'csv' | 'markdown', env: CommandEnv): number {
  const { io } = env;
  if (format === 'markdown') {
    io.stdout(`${ruleCatalogMarkdown(CATALOG)}\n`);
    return 0;
  }
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
  else {
    const c = stdoutColours(io);
    const table = textTable(['RULE', 'SEVERITY', 'MODE', 'TITLE [MCSB]'], rows.map((r) => [r.id, r.severity, r.mode, `${r.title} [${r.benchmark}]`]), {
      width: terminalColumns(io),
      paint: (_i, padded, raw) => paintCell(c, padded, raw),
      paintHeader: c.bold,
    });
    io.stdout(`${table}\n(remediation and rationale of each rule: --format json, or the README's rule table)\n`);
  }
  return 0;
}
