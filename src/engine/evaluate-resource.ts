import { effectiveMode, resourceTypeOf, sameId, type ArmResource, type AuditEntry, type Finding } from '../model';
import { ArmReadError } from './arm-read-error';
import type { GuardContext } from './context';
import { recordInventory } from './inventory-record';
import { resourceLock } from './keyed-lock';
import { isOpenish, observeViolation, resolveFinding } from './finding-transitions';
import { notifyRemediations } from './notifications/remediations';
import { gatherRelated } from './related';
import { remediate } from './remediate';
import { emptyRunResult, type RunResult } from './run-result';
import type { WriteBudget } from './write-budget';

export interface EvaluationTrigger {
  readonly budget: WriteBudget;
  /** Correlation id of the triggering event, or the run id of a sweep. */
  readonly correlationId?: string;
  /** A snapshot already read (e.g. by a sweep's list call) saves a GET. */
  readonly snapshot?: ArmResource | null;
  /** A sweep: also run the gatherers that only discover what to evaluate next. */
  readonly discover?: boolean;
}

/**
 * Re-reads one resource, evaluates every rule that applies, records findings and remediates.
 * A failed store write throws, so the invocation fails and the queue retries.
 */
export function evaluateResource(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger): Promise<RunResult> {
  return resourceLock.run(resourceId, () => evaluateLocked(ctx, resourceId, trigger));
}

async function evaluateLocked(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger): Promise<RunResult> {
  const result = emptyRunResult();
  const now = ctx.clock().toISOString();
  const snapshot = trigger.snapshot !== undefined ? trigger.snapshot : await readOrThrow(ctx, resourceId);
  const stored = await ctx.store.findings.listForResourcePrefix(resourceId);

  if (snapshot === null) {
    // Deleted: its findings, and its children's, are resolved.
    const resolved = stored.filter(isOpenish).map((f) => resolveFinding(f, now));
    await ctx.store.findings.upsert(resolved);
    await ctx.store.links.replaceFrom(resourceId, []);
    await recordInventory(ctx, { deleted: resourceId });
    result.findings.push(...resolved);
    return result;
  }

  const { related, ownLinks, discovered, discoveredSnapshots } = await gatherRelated(ctx, snapshot, { discover: trigger.discover === true });
  if (ownLinks) await ctx.store.links.replaceFrom(snapshot.id, ownLinks);
  result.discovered.push(...discovered);
  result.discoveredSnapshots.push(...discoveredSnapshots);
  const storedByRule = new Map(stored.filter((f) => sameId(f.resourceId, snapshot.id)).map((f) => [f.ruleId, f]));
  const changed: Finding[] = [];
  const audit: AuditEntry[] = [];

  for (const rule of ctx.rules) {
    if (!rule.appliesTo.includes(resourceTypeOf(snapshot.id))) continue;
    const existing = storedByRule.get(rule.id);
    const mode = effectiveMode(ctx.config, rule.id, rule.defaultMode);
    const verdict = mode === 'off' ? ({ status: 'not-applicable' } as const) : rule.evaluate({ subject: snapshot, related, config: ctx.config, now: ctx.clock() });
    if (verdict.status !== 'fail') {
      if (existing && isOpenish(existing)) changed.push(resolveFinding(existing, now));
      continue;
    }
    const exception = await ctx.store.exceptions.activeFor(snapshot.id, rule.id, ctx.clock());
    let finding = observeViolation(existing, rule, snapshot.id, verdict.evidence, verdict.remediation, now, exception?.id);
    const outcome = await remediate(ctx, {
      rule,
      subject: snapshot,
      related,
      violation: verdict,
      exceptionId: exception?.id,
      budget: trigger.budget,
      correlationId: trigger.correlationId,
    });
    if (outcome.fixed) finding = { ...finding, status: 'resolved', resolvedAt: ctx.clock().toISOString() };
    changed.push(finding);
    result.actions.push(...outcome.records);
    const newState = !existing || existing.status !== finding.status;
    for (const record of outcome.records) {
      if (record.outcome === 'applied' || record.outcome === 'failed' || newState) {
        audit.push({
          at: record.at,
          category: 'remediation',
          actor: ctx.actor,
          ruleId: record.ruleId,
          resourceId: record.resourceId,
          action: record.action,
          outcome: record.outcome,
          ...(record.before !== undefined ? { before: record.before } : {}),
          ...(record.after !== undefined ? { after: record.after } : {}),
          ...(record.error ? { error: record.error } : {}),
          ...(record.exceptionId ? { exceptionId: record.exceptionId } : {}),
          ...(record.correlationId ? { correlationId: record.correlationId } : {}),
          summary: record.summary,
        });
      }
    }
  }

  await ctx.store.audit.append(audit);
  await ctx.store.findings.upsert(changed);
  await recordInventory(ctx, snapshot);
  result.findings.push(...changed);
  await notifyRemediations(ctx, result.actions, changed, (id) => (sameId(id, snapshot.id) ? snapshot : related.get(id)));
  return result;
}

async function readOrThrow(ctx: GuardContext, resourceId: string): Promise<ArmResource | null> {
  try {
    return await ctx.reader.get(resourceId);
  } catch (error) {
    throw new ArmReadError(resourceId, error);
  }
}
