import { sweep, WriteBudget } from '../../engine';
import { computeKpis, KpiWindowError, type Kpis } from '../../engine/kpis';
import { SEVERITY_ORDER } from '../../model';
import { list, parseCommandArgs, single } from '../args';
import { csv, parseFormat, textTable, type OutputFormat } from '../format';
import type { CliIo } from '../io';
import { openRuntime } from '../runtime';
import { UsageError } from '../usage-error';

export const reportUsage = 'aml-guard report [--format table|json|csv] [--since ISO] [--sandbox ESTATE.json [--subscription ID]...]';

/**
 * Prints the governance KPIs from what the sweep, the event handler and the idle shutdown
 * recorded. With --sandbox, a read-only sweep of the estate runs first so the report has data.
 */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    format: { type: 'string' },
    since: { type: 'string' },
    sandbox: { type: 'string' },
    subscription: { type: 'string', multiple: true },
  }, reportUsage);
  const format = parseFormat(single(args, 'format'));
  const since = single(args, 'since');
  if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(Date.parse(since)))) {
    throw new UsageError(`--since: ${JSON.stringify(since)} is not an ISO 8601 time (e.g. 2026-11-01T00:00:00Z)`);
  }
  const sandbox = single(args, 'sandbox');
  const runtime = await openRuntime(io, { sandbox }, list(args, 'subscription'));
  try {
    if (sandbox) {
      // Read-only whatever the mode: zero writes allowed, every rule at most audit.
      const ctx = { ...runtime.ctx, config: { ...runtime.ctx.config, mode: 'audit' as const, ruleModes: auditOnly(runtime.ctx.config.ruleModes) } };
      io.stderr(`sweeping ${runtime.subscriptions.length} subscription(s) of the sandbox estate (read-only) before reporting\n`);
      const result = await sweep(ctx, { subscriptions: runtime.subscriptions, budget: new WriteBudget(0), progress: (m) => io.stderr(`${m}\n`) });
      for (const e of result.errors) io.stderr(`warning: ${e.resourceId ?? ''} ${e.error}\n`);
    }
    let kpis: Kpis;
    try {
      kpis = await computeKpis(runtime.ctx.store, { now: runtime.ctx.clock(), ...(since !== undefined ? { since } : {}) });
    } catch (error) {
      if (error instanceof KpiWindowError) throw new UsageError(`--since: ${error.message}`);
      throw error;
    }
    io.stdout(`${renderKpis(kpis, format)}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}

function auditOnly(modes: Record<string, 'off' | 'audit' | 'enforce'>): Record<string, 'off' | 'audit' | 'enforce'> {
  return Object.fromEntries(Object.entries(modes).map(([id, m]) => [id, m === 'enforce' ? 'audit' : m]));
}

export function renderKpis(kpis: Kpis, format: OutputFormat): string {
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
