import { randomUUID } from 'node:crypto';
import { describeArmError } from '../azure/arm-error';
import { effectiveMode, idKey, parentResourceId, parseArmId, sameId, type ArmResource, type AuditEntry, type Finding, type Rule, type Violation } from '../model';
import { AML_CMP_007, amlCmp007, instanceActivity } from '../rules/aml-cmp-007';
import { mapConcurrent } from './concurrency';
import { notifyRemediations } from './notifications/remediations';
import type { GuardContext } from './context';
import { isOpenish, observeViolation, resolveFinding } from './finding-transitions';
import { SnapshotSet } from './related/snapshot-set';
import { remediate } from './remediate';
import { remediationAuditEntry } from './remediation-audit';
import { WriteBudget } from './write-budget';
import { emptyRunResult, type RunResult } from './run-result';
import { subscriptionsInScope } from './subscriptions-in-scope';
import { listWorkspacesOrRecord } from './list-workspaces';

/** Stops in flight at once (each is a long-running ARM operation). */
export const IDLE_STOP_CONCURRENCY = 4;

export interface IdleShutdownOptions {
  readonly subscriptions: readonly string[];
  /** The clock for this run (default ctx.clock()): idleness is measured against it. */
  readonly now?: Date;
  /** Idle window in hours (default config.idleHours, AMLGUARD_IDLE_HOURS). */
  readonly idleHours?: number;
  /** Blast-radius cap: stops attempted per run (default config.idleMaxStops, AMLGUARD_IDLE_MAX_STOPS). */
  readonly maxStops?: number;
  /** Stops in flight at once (default IDLE_STOP_CONCURRENCY). */
  readonly concurrency?: number;
  readonly runId?: string;
  /** Progress for people (stderr in the CLI). */
  readonly progress?: (message: string) => void;
}

export class IdleShutdownOptionsError extends RangeError {
  override name = 'IdleShutdownOptionsError';
}

interface Candidate {
  readonly subject: ArmResource;
  readonly violation: Violation;
  readonly existing: Finding | undefined;
  /** Time of the last operation (ms), for ordering: longest idle first. */
  readonly since: number;
}


/**
 * The nightly idle-compute shutdown (rule AML-CMP-007): lists every workspace's computes, picks
 * the compute instances that are idle (see decideIdle), and stops them, longest idle first:
 * an approved exception skips one (skipped-exception), audit mode records only (skipped-audit),
 * at most `maxStops` stops are attempted (the rest: skipped-cap), a few run at once, and one
 * failed stop never stops the run (outcome failed, with ARM's error). Every decision is audited;
 * findings open for idle instances and resolve when stopped (or no longer idle, or deleted).
 */
export async function idleShutdown(ctx: GuardContext, options: IdleShutdownOptions): Promise<RunResult> {
  const now = options.now ?? ctx.clock();
  const at = now.toISOString();
  const idleHours = options.idleHours ?? ctx.config.idleHours;
  const maxStops = options.maxStops ?? ctx.config.idleMaxStops;
  if (!(Number.isFinite(idleHours) && idleHours > 0)) throw new IdleShutdownOptionsError(`idleHours must be a positive number of hours, got ${idleHours}`);
  if (!(Number.isInteger(maxStops) && maxStops >= 0)) throw new IdleShutdownOptionsError(`maxStops must be an integer >= 0, got ${maxStops}`);
  const runId = options.runId ?? `idle-${randomUUID()}`;
  const config = { ...ctx.config, idleHours };
  const rule: Rule = ctx.rules.find((r) => r.id === AML_CMP_007) ?? amlCmp007;
  const mode = effectiveMode(config, rule.id, rule.defaultMode);
  const result = emptyRunResult();
  if (mode === 'off') {
    options.progress?.(`${rule.id} is off: no compute instance is judged or stopped`);
    return result;
  }

  // 1. Every compute of every workspace in scope (one list per workspace page), and the stored findings of the rule.
  const instances: ArmResource[] = [];
  const stored: Finding[] = [];
  /** Workspaces whose computes were listed completely (a finding of a compute missing there is stale). */
  const listedWorkspaces = new Set<string>();
  /** Subscriptions whose workspaces were listed, and the workspaces seen there (a finding under a workspace not seen is stale). */
  const listedSubscriptions = new Set<string>();
  const seenWorkspaces = new Set<string>();
  for (const subscriptionId of await subscriptionsInScope(ctx, options.subscriptions)) {
    const workspaces = await listWorkspacesOrRecord(ctx, subscriptionId, result);
    if (!workspaces) continue;
    listedSubscriptions.add(subscriptionId.toLowerCase());
    for (const ws of workspaces) seenWorkspaces.add(idKey(ws.id));
    const perWorkspace = await mapConcurrent(workspaces, ctx.config.readConcurrency, async (ws) => {
      try {
        const computes = await ctx.reader.listComputes(ws.id);
        listedWorkspaces.add(idKey(ws.id));
        return computes;
      } catch (error) {
        result.errors.push({ resourceId: ws.id, error: `listing computes failed: ${describeArmError(error)}` });
        return [];
      }
    });
    const found = perWorkspace.flat().filter((c) => instanceActivity(c).computeType === 'ComputeInstance');
    options.progress?.(`subscription ${subscriptionId}: ${workspaces.length} workspace(s), ${found.length} compute instance(s)`);
    instances.push(...found);
    stored.push(...(await ctx.store.findings.list({ subscriptionId, ruleId: rule.id })));
  }
  const storedById = new Map(stored.map((f) => [idKey(f.resourceId), f]));

  // 2. Judge each instance; resolve the findings of instances no longer idle or gone.
  const changed: Finding[] = [];
  const candidates: Candidate[] = [];
  const related = new SnapshotSet();
  for (const subject of instances) {
    const existing = storedById.get(idKey(subject.id));
    const verdict = rule.evaluate({ subject, related, config, now });
    if (verdict.status === 'fail') {
      const time = Date.parse(instanceActivity(subject).lastOperationTime ?? '');
      candidates.push({ subject, violation: verdict, existing, since: Number.isNaN(time) ? 0 : time });
    } else if (existing && isOpenish(existing)) {
      changed.push(resolveFinding(existing, at));
    }
  }
  const listedIds = new Set(instances.map((i) => idKey(i.id)));
  for (const f of stored) {
    if (!isOpenish(f) || listedIds.has(idKey(f.resourceId))) continue;
    const ws = idKey(parentResourceId(f.resourceId) ?? f.resourceId);
    const subListed = listedSubscriptions.has(parseArmId(f.resourceId).subscriptionId.toLowerCase());
    // Gone: its workspace's computes were listed without it, or its subscription's workspaces were listed without its workspace.
    if (listedWorkspaces.has(ws) || (subListed && !seenWorkspaces.has(ws))) changed.push(resolveFinding(f, at));
  }
  candidates.sort((a, b) => a.since - b.since || idKey(a.subject.id).localeCompare(idKey(b.subject.id)));
  options.progress?.(`${candidates.length} idle compute instance(s) (window ${idleHours} h, ${mode} mode, at most ${maxStops} stop(s))`);

  // 3. Remediate through the one remediation path, longest idle first: exception, mode, cap, then
  // the write-ahead audit intent, under the instance's lease, on its state re-read just before the
  // stop (an instance restarted since the listing is left alone). A few stops run at once.
  const exceptions = await mapConcurrent(candidates, ctx.config.readConcurrency, (c) => ctx.store.exceptions.activeFor(c.subject.id, rule.id, now));
  const budget = new WriteBudget(maxStops, `idle shutdown cap of ${maxStops} stops per run (AMLGUARD_IDLE_MAX_STOPS)`);
  const judged: GuardContext = { ...ctx, config, clock: () => now };
  const outcomes = await mapConcurrent(candidates, options.concurrency ?? IDLE_STOP_CONCURRENCY, (candidate) => {
    const i = candidates.indexOf(candidate);
    return remediate(judged, { rule, subject: candidate.subject, related, violation: candidate.violation, exceptionId: exceptions[i]?.id, budget, correlationId: runId });
  });

  // 4. Record: the actions, their audit entries and a finding per instance.
  const audit: AuditEntry[] = [];
  candidates.forEach((candidate, i) => {
    const { subject, violation, existing } = candidate;
    const outcome = outcomes[i]!;
    const records = outcome.records.map((r) => (r.before === undefined && r.outcome !== 'already-compliant' ? { ...r, before: instanceActivity(subject).state } : r));
    for (const record of records) {
      if (record.outcome === 'failed') ctx.log.warn(`stopping ${subject.id} failed: ${record.error ?? 'unknown error'}`);
      result.actions.push(record);
      audit.push(remediationAuditEntry(ctx.actor, record));
    }
    // Re-read before the stop and found no longer idle (or gone): its finding resolves, none opens.
    if (records.every((r) => r.outcome === 'already-compliant')) {
      if (existing && isOpenish(existing)) changed.push(resolveFinding(existing, at));
      return;
    }
    const finding = observeViolation(existing, rule, subject.id, violation.evidence, violation.remediation, at, exceptions[i]?.id);
    changed.push(outcome.fixed ? { ...finding, status: 'resolved', resolvedAt: at } : finding);
  });

  await ctx.store.audit.append(audit);
  await ctx.store.findings.upsert(changed);
  result.findings.push(...changed);
  await notifyRemediations(ctx, result.actions, changed, (id) => candidates.find((c) => sameId(c.subject.id, id))?.subject);
  return result;
}
