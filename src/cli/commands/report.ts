import { Option, type Command } from 'commander';
import { sweep, WriteBudget } from '../../engine';
import { computeKpis, KpiWindowError, type Kpis } from '../../engine/kpis';
import { SEVERITY_ORDER } from '../../model';
import { csv } from '../format';
import { terminalColumns, type CommandEnv } from '../io';
import { addSandboxOptions, formatOption, isoTime, subscriptionOption, type OutputFormat, type SandboxFlags } from '../options';
import { progressReporter } from '../progress';
import { openRuntime } from '../runtime';
import { chooseSandbox } from '../sandbox-choice';
import { textTable } from '../table';
import { UsageError } from '../usage-error';

interface ReportOptions extends SandboxFlags {
  readonly subscription: string[];
  readonly since?: Date;
  readonly format: OutputFormat;
}

export function registerReport(parent: Command, env: CommandEnv): void {
  const cmd = parent
    .command('report')
    .summary('print the governance KPIs (--format json for the contract fields)')
    .description('Prints the governance KPIs from what the sweep, the event handler and the idle shutdown recorded. With a sandbox, a plan-only sweep (no ARM writes) runs first so the report has data.')
    .addOption(subscriptionOption());
  addSandboxOptions(cmd)
    .addOption(new Option('--since <iso>', 'start of the window (default: 30 days before now)').argParser(isoTime))
    .addOption(formatOption())
    .action(async (options: ReportOptions) => env.exit(await runReport(options, env)));
}

async function runReport(options: ReportOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  const sandbox = await chooseSandbox(options);
  const runtime = await openRuntime(io, { sandbox, remediate: false, subscriptions: options.subscription, storeOnly: sandbox.kind === 'azure' });
  try {
    if (sandbox.kind !== 'azure') {
      io.stderr(`sweeping the sandbox (plan only, nothing is written) before reporting\n`);
      const progress = progressReporter(io, 'report: subscriptions');
      const result = await sweep(runtime.ctx, { subscriptions: runtime.subscriptions, budget: new WriteBudget(runtime.ctx.config.maxWritesPerRun), progress: progress.message, advance: progress.advance }).finally(() => progress.stop());
      for (const e of result.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    }
    let kpis: Kpis;
    try {
      kpis = await computeKpis(runtime.ctx.store, { now: runtime.ctx.clock(), ...(options.since !== undefined ? { since: options.since.toISOString() } : {}) });
    } catch (error) {
      if (error instanceof KpiWindowError) throw new UsageError(`--since: ${error.message}`);
      throw error;
    }
    io.stdout(`${renderKpis(kpis, options.format, terminalColumns(io))}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}

export function renderKpis(kpis: Kpis, format: OutputFormat, width: number): string {
  if (format === 'json') return JSON.stringify(kpis, null, 2);
  if (format === 'csv') return csv(['metric', 'value'], flatten(kpis));
  const show = (v: number | null, unit = '') => (v === null ? 'n/a' : `${v}${unit}`);
  const outcomes = Object.entries(kpis.remediationsByOutcome);
  const lines = [
    `AML Guard KPIs (${kpis.window.since} .. ${kpis.window.until})`,
    '',
    textTable(
      ['KPI', 'VALUE'],
      [
        ['Workspaces', String(kpis.workspacesTotal)],
        ['  public access disabled', show(kpis.workspacesPublicAccessDisabledPct, ' %')],
        ['Computes', String(kpis.computeTotal)],
        ['  with a public IP', String(kpis.computeWithPublicIp)],
        ['Open findings', String(Object.values(kpis.openFindingsBySeverity).reduce((a, b) => a + b, 0))],
        ['Excepted findings', String(kpis.exceptedFindings)],
        ['MTTR (hours)', `${show(kpis.mttrHours)}${kpis.findingsResolvedInWindow ? ` over ${kpis.findingsResolvedInWindow} resolved` : ''}`],
        ['Remediations', outcomes.length ? outcomes.map(([o, n]) => `${o} ${n}`).join(', ') : 'none'],
        ['Active exceptions', String(kpis.activeExceptions)],
        ['Last sweep', lastSweepText(kpis.lastSweep)],
      ],
      { width },
    ),
    '',
    'Open findings by severity',
    barChart(SEVERITY_ORDER.map((s) => [s, kpis.openFindingsBySeverity[s]] as const)),
    '',
    'Open findings by rule',
    barChart(Object.entries(kpis.openFindingsByRule)),
  ];
  return lines.join('\n');
}

function lastSweepText(run: Kpis['lastSweep']): string {
  if (!run) return 'none recorded';
  const state = run.completed ? 'completed' : run.done + run.failed < run.planned ? 'in progress or stopped' : 'incomplete';
  return `${state}: ${run.done} of ${run.planned} work item(s) done${run.failed ? `, ${run.failed} failed` : ''} (started ${run.startedAt})`;
}

/** One `label  ████ n` row per entry, the longest bar 30 cells; `(none)` when every count is 0. */
export function barChart(entries: readonly (readonly [string, number])[], width = 30): string {
  const max = Math.max(0, ...entries.map(([, n]) => n));
  if (entries.length === 0 || max === 0) return '  (none)';
  const pad = Math.max(...entries.map(([label]) => label.length));
  return entries
    .map(([label, n]) => {
      const cells = n === 0 ? 0 : Math.max(1, Math.round((n / max) * width));
      return `  ${label.padEnd(pad)}  ${'█'.repeat(cells)}${cells ? ' ' : ''}${n}`;
    })
    .join('\n');
}

/** `openFindingsBySeverity.high` style rows for CSV. */
function flatten(kpis: Kpis): string[][] {
  const rows: string[][] = [];
  for (const [key, value] of Object.entries(kpis)) {
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) rows.push([`${key}.${k}`, String(v)]);
    } else {
      rows.push([key, value === null ? '' : String(value)]);
    }
  }
  return rows;
}
