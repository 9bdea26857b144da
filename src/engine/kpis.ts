import { isActiveException, isRemediationDecision, ResourceTypes, SEVERITY_ORDER, type Severity } from '../model';
import type { GuardStore } from '../store';

/** Default reporting window when `since` is not given. */
export const DEFAULT_KPI_WINDOW_DAYS = 30;

/**
 * The governance KPIs. Field names are a contract (CLI `report --format json`, `GET /api/kpis`):
 * never rename them; add new ones instead.
 */
export interface Kpis {
  /** Workspaces in the inventory (evaluated at least once, not deleted). */
  readonly workspacesTotal: number;
  /** Share of those with publicNetworkAccess Disabled, 0-100 with one decimal; null without workspaces. */
  readonly workspacesPublicAccessDisabledPct: number | null;
  /** Computes (instances, clusters, attached) in the inventory, not deleted. */
  readonly computeTotal: number;
  /** Of those, how many have a public IP (enableNodePublicIp true or missing, or a public connectivity endpoint). */
  readonly computeWithPublicIp: number;
  /** Open findings (not excepted, not resolved) by severity; every severity present, 0 when none. */
  readonly openFindingsBySeverity: Record<Severity, number>;
  /** Open findings by rule id (only rules with open findings). */
  readonly openFindingsByRule: Record<string, number>;
  /** Mean hours from firstSeen to resolvedAt of the findings resolved within the window (2 decimals); null when none. */
  readonly mttrHours: number | null;
  /** Remediation decisions recorded in the audit table within the window, by outcome (not `attempting` intents nor `planned` dry runs). */
  readonly remediationsByOutcome: Record<string, number>;
  /** Approved exceptions not yet expired at `until`. */
  readonly activeExceptions: number;
  /** Extra: findings under an active exception. */
  readonly exceptedFindings: number;
  /** Extra: how many resolved findings the MTTR averages. */
  readonly findingsResolvedInWindow: number;
  /** Extra: the window the time-based KPIs cover (ISO, inclusive). */
  readonly window: { readonly since: string; readonly until: string };
  /** Extra: the most recent sweep (work items planned / done / failed); null when none ran. */
  readonly lastSweep: { readonly runId: string; readonly startedAt: string; readonly planned: number; readonly done: number; readonly failed: number; readonly completed: boolean } | null;
}

export interface KpiOptions {
  /** Start of the window (ISO); default DEFAULT_KPI_WINDOW_DAYS before `now`. */
  readonly since?: string;
  readonly now: Date;
}

export class KpiWindowError extends RangeError {
  override name = 'KpiWindowError';
}

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

function windowOf(options: KpiOptions): { sinceMs: number; untilMs: number } {
  const untilMs = options.now.getTime();
  if (Number.isNaN(untilMs)) throw new KpiWindowError('now is not a valid time');
  if (options.since === undefined) return { sinceMs: untilMs - DEFAULT_KPI_WINDOW_DAYS * 86_400_000, untilMs };
  const sinceMs = Date.parse(options.since);
  if (Number.isNaN(sinceMs)) throw new KpiWindowError(`since: ${JSON.stringify(options.since)} is not an ISO 8601 time`);
  if (sinceMs > untilMs) throw new KpiWindowError(`since (${options.since}) is after the end of the window (${options.now.toISOString()})`);
  return { sinceMs, untilMs };
}

/** Computes the KPIs from what the sweep, the event handler and the idle shutdown recorded. Reads only. */
export async function computeKpis(store: GuardStore, options: KpiOptions): Promise<Kpis> {
  const { sinceMs, untilMs } = windowOf(options);
  const since = new Date(sinceMs).toISOString();
  const until = new Date(untilMs).toISOString();

  const [workspaces, computes, open, excepted, resolved, remediations, approved, lastSweep] = await Promise.all([
    store.inventory.list({ type: ResourceTypes.workspace }),
    store.inventory.list({ type: ResourceTypes.compute }),
    store.findings.list({ status: 'open' }),
    store.findings.list({ status: 'excepted' }),
    store.findings.list({ status: 'resolved' }),
    store.audit.list({ since, until, category: 'remediation' }),
    store.exceptions.list({ status: 'approved' }),
    store.runs.lastSweep(),
  ]);

  const privateWorkspaces = workspaces.filter((w) => w.publicNetworkAccessDisabled === true).length;

  const openFindingsBySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  const openFindingsByRule: Record<string, number> = {};
  for (const f of open) {
    openFindingsBySeverity[f.severity] += 1;
    openFindingsByRule[f.ruleId] = (openFindingsByRule[f.ruleId] ?? 0) + 1;
  }

  const durations: number[] = [];
  for (const f of resolved) {
    const end = f.resolvedAt === undefined ? Number.NaN : Date.parse(f.resolvedAt);
    const start = Date.parse(f.firstSeen);
    if (Number.isNaN(end) || Number.isNaN(start) || end < sinceMs || end > untilMs) continue;
    durations.push(Math.max(0, end - start) / 3_600_000);
  }

  const remediationsByOutcome: Record<string, number> = {};
  for (const a of remediations.filter((r) => isRemediationDecision(r.outcome))) remediationsByOutcome[a.outcome] = (remediationsByOutcome[a.outcome] ?? 0) + 1;

  const now = new Date(untilMs);
  return {
    workspacesTotal: workspaces.length,
    workspacesPublicAccessDisabledPct: workspaces.length ? round((100 * privateWorkspaces) / workspaces.length, 1) : null,
    computeTotal: computes.length,
    computeWithPublicIp: computes.filter((c) => c.publicIp === true).length,
    openFindingsBySeverity,
    openFindingsByRule: sortedRecord(openFindingsByRule),
    mttrHours: durations.length ? round(durations.reduce((a, b) => a + b, 0) / durations.length, 2) : null,
    remediationsByOutcome: sortedRecord(remediationsByOutcome),
    activeExceptions: approved.filter((e) => isActiveException(e, now)).length,
    exceptedFindings: excepted.length,
    findingsResolvedInWindow: durations.length,
    window: { since, until },
    lastSweep: lastSweep ? { runId: lastSweep.runId, startedAt: lastSweep.startedAt, planned: lastSweep.planned, done: lastSweep.done, failed: lastSweep.failed, completed: lastSweep.completed } : null,
  };
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}
