import { effectiveMode, sameId, subjectTypeOf, type ArmResource, type AuditEntry, type Finding, type GuardException } from '../model';
import { pickActiveException, type HeldLease, type InventoryItem } from '../store';
import { ArmReadError } from './arm-read-error';
import type { GuardContext } from './context';
import { inventoryItemOf, recordInventory } from './inventory-record';
import { remediationAuditEntry } from './remediation-audit';
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
  /** A resource whose lease the caller holds (the one an event is about), so a write to it takes no second lease. */
  readonly holding?: string;
}

export interface LeasedEvaluation {
  readonly result: RunResult;
  /** The inventory row to commit with the lease; undefined when the resource is gone (its rows are flagged already). */
  readonly inventory: InventoryItem | undefined;
}

/**
 * Re-reads one resource, evaluates every rule that applies, records findings and remediates.
 * A failed store write throws, so the invocation fails and the queue retries.
 */
export function evaluateResource(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger): Promise<RunResult> {
  return resourceLock.run(resourceId, async () => {
    const { result, inventory } = await evaluateLocked(ctx, resourceId, trigger, undefined);
    if (inventory) await recordInventory(ctx, inventory);
    return result;
  });
}

/**
 * The same, for a caller that holds the resource's lease: the resource is read now, under the
 * lease, so a remediation writes without reading it again; the inventory row is returned to be
 * committed with the lease (one transaction).
 */
export function evaluateLeased(ctx: GuardContext, lease: HeldLease, trigger: Omit<EvaluationTrigger, 'snapshot'>): Promise<LeasedEvaluation> {
  return resourceLock.run(lease.resourceId, async () => {
    const { result, inventory } = await evaluateLocked(ctx, lease.resourceId, trigger, lease);
    return { result, inventory: inventory ? inventoryItemOf(inventory, ctx.clock().toISOString()) : undefined };
  });
}

async function evaluateLocked(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger, lease: HeldLease | undefined): Promise<{ result: RunResult; inventory: ArmResource | undefined }> {
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
    return { result, inventory: undefined };
  }

  const { related, ownLinks, discovered, discoveredSnapshots } = await gatherRelated(ctx, snapshot, { discover: trigger.discover === true });
  if (ownLinks) await ctx.store.links.replaceFrom(snapshot.id, ownLinks);
  result.discovered.push(...discovered);
  result.discoveredSnapshots.push(...discoveredSnapshots);
  const storedByRule = new Map(stored.filter((f) => sameId(f.resourceId, snapshot.id)).map((f) => [f.ruleId, f]));
  const changed: Finding[] = [];
  const audit: AuditEntry[] = [];
  // The exceptions covering the subject, read once (one query) when a rule first fails.
  let covering: GuardException[] | undefined;
  // The subject as ARM last returned it: a later rule's write starts from the state an earlier one left.
  let current: ArmResource | null = snapshot;

  for (const rule of ctx.rules) {
    if (!rule.appliesTo.includes(subjectTypeOf(snapshot.id))) continue;
    const existing = storedByRule.get(rule.id);
    const mode = effectiveMode(ctx.config, rule.id, rule.defaultMode);
    const verdict = mode === 'off' ? ({ status: 'not-applicable' } as const) : rule.evaluate({ subject: snapshot, related, config: ctx.config, now: ctx.clock() });
    if (verdict.status !== 'fail') {
      if (existing && isOpenish(existing)) changed.push(resolveFinding(existing, now));
      continue;
    }
    covering ??= await ctx.store.exceptions.activeCovering(snapshot.id, ctx.clock());
    const exception = pickActiveException(covering, snapshot.id, rule.id, ctx.clock());
    let finding = observeViolation(existing, rule, snapshot.id, verdict.evidence, verdict.remediation, now, exception?.id);
    const outcome = await remediate(ctx, {
      rule,
      subject: snapshot,
      related,
      violation: verdict,
      exceptionId: exception?.id,
      budget: trigger.budget,
      correlationId: trigger.correlationId,
      leased: lease !== undefined,
      current,
      ...(trigger.holding ? { holding: trigger.holding } : {}),
    });
    if (outcome.subjectState !== undefined) current = outcome.subjectState;
    if (outcome.fixed) finding = { ...finding, status: 'resolved', resolvedAt: ctx.clock().toISOString() };
    changed.push(finding);
    result.actions.push(...outcome.records);
    const newState = !existing || existing.status !== finding.status;
    for (const record of outcome.records) {
      if (record.outcome === 'applied' || record.outcome === 'failed' || newState) audit.push(remediationAuditEntry(ctx.actor, record));
    }
  }

  await ctx.store.audit.append(audit);
  await ctx.store.findings.upsert(changed);
  result.findings.push(...changed);
  await notifyRemediations(ctx, result.actions, changed, (id) => (sameId(id, snapshot.id) ? snapshot : related.get(id)));
  return { result, inventory: snapshot };
}

async function readOrThrow(ctx: GuardContext, resourceId: string): Promise<ArmResource | null> {
  try {
    return await ctx.reader.get(resourceId);
  } catch (error) {
    throw new ArmReadError(resourceId, error);
  }
}
