import { effectiveMode, resourceTypeOf, sameId, subjectTypeOf, type ActionRecord, type ArmResource, type AuditEntry, type Finding, type GuardException } from '../model';
import { pickActiveException, type HeldLease, type InventoryItem } from '../store';
import { ArmReadError } from './arm-read-error';
import type { GuardContext } from './context';
import { inventoryItemOf, recordInventory } from './inventory-record';
import { remediationAuditEntry } from './remediation-audit';
import { resourceLock } from './keyed-lock';
import { isOpenish, observeViolation, resolveFinding } from './finding-transitions';
import { LostOutcomes } from './lost-outcomes';
import { notifyRemediations } from './notifications/remediations';
import { gatherRelated, type Gatherer } from './related';
import { armOnlyRefreshDue } from './related/arm-only-refresh';
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
  /**
   * What only ARM holds about the subject (Gatherer.armOnly): `always` reads it (an exception
   * ended: every rule must be judged now); `{ since }`, a sweep, reads it when the subject's refresh
   * is due (`since`: the start of the last sweep that covered its subscription; arm-only-refresh.ts).
   * Absent: only when the `cause` is what it reads. `budget.left`: how many more subjects of the
   * subscription may have it read in this sweep; a due subject past it waits for the next sweep.
   */
  readonly armOnly?: 'always' | { readonly since: string | undefined; readonly budget: ArmOnlyBudget };
  /** The id the triggering event is about (a diagnostic setting, for the workspace it is set on). */
  readonly cause?: string;
  /** A redelivery of an event whose earlier delivery failed: outcomes it could not record are looked for (lost-outcomes.ts). */
  readonly retry?: boolean;
}

/** A sweep's allowance of ARM-only reads in one subscription (subjects), and the due subjects it left for the next sweep. */
export interface ArmOnlyBudget {
  left: number;
  deferred: number;
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
    return evaluateLocked(ctx, lease.resourceId, trigger, lease);
  });
}

async function evaluateLocked(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger, lease: HeldLease | undefined): Promise<LeasedEvaluation> {
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

  const armOnly = await armOnlyReading(ctx, snapshot.id, trigger);
  const { related, ownLinks, discovered, discoveredSnapshots, withheld, armOnlyRead } = await gatherRelated(ctx, snapshot, { discover: trigger.discover === true, readArmOnly: armOnly.reads });
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
  const lost = new LostOutcomes(ctx, snapshot.id, [...storedByRule.values()], { retry: trigger.retry === true, now, ...(trigger.correlationId ? { correlationId: trigger.correlationId } : {}) });
  const lostNotifications: ActionRecord[] = [];

  for (const rule of ctx.rules) {
    if (!rule.appliesTo.includes(subjectTypeOf(snapshot.id))) continue;
    const existing = storedByRule.get(rule.id);
    if (rule.needs.some((n) => withheld.has(n))) {
      // What it needs was not read this time (ARM-only, not due): its verdict stands, only the exceptions covering it are brought up to date.
      if (existing && isOpenish(existing)) {
        covering ??= await ctx.store.exceptions.activeCovering(snapshot.id, ctx.clock());
        const exceptionId = pickActiveException(covering, snapshot.id, rule.id, ctx.clock())?.id;
        if (exceptionId !== existing.exceptionId) changed.push(observeViolation(existing, rule, snapshot.id, existing.evidence, existing.remediation ?? rule.remediation, now, exceptionId));
      }
      continue;
    }
    const mode = effectiveMode(ctx.config, rule.id, rule.defaultMode);
    const verdict = mode === 'off' ? ({ status: 'not-applicable' } as const) : rule.evaluate({ subject: snapshot, related, config: ctx.config, now: ctx.clock() });
    if (verdict.status !== 'fail') {
      const recovered = await lost.passing(rule, existing);
      if (existing && isOpenish(existing)) changed.push(resolveFinding(existing, now));
      else if (recovered?.finding) changed.push(recovered.finding);
      if (recovered) {
        audit.push(...recovered.audit);
        result.actions.push(...recovered.actions);
        lostNotifications.push(...recovered.notify);
      }
      continue;
    }
    audit.push(...(await lost.failing(rule)));
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
  await notifyRemediations(ctx, [...result.actions, ...lostNotifications], changed, (id) => (sameId(id, snapshot.id) ? snapshot : related.get(id)));
  return { result, inventory: inventoryItemOf(snapshot, now, armOnly.readBefore || armOnlyRead) };
}

/**
 * Whether the gatherers that read only ARM run for this evaluation. A sweep runs them when the
 * subject's refresh is due, or when no sweep read them since its last event (its inventory row,
 * which a sweep has in memory, says so). An event runs them only when it is about what they read.
 * The end of an exception always runs them. Anything else (a relayed evaluation, a re-check of an
 * open finding) leaves them to the sweep.
 */
async function armOnlyReading(ctx: GuardContext, subjectId: string, trigger: EvaluationTrigger): Promise<{ reads: (g: Gatherer) => boolean; readBefore: boolean }> {
  if (trigger.armOnly === 'always') return { reads: () => true, readBefore: false };
  if (trigger.armOnly) {
    const readBefore = (await ctx.store.inventory.get(subjectId))?.armOnlyRead === true;
    const due = !readBefore || armOnlyRefreshDue(subjectId, { since: trigger.armOnly.since, now: ctx.clock(), periodHours: ctx.config.armOnlyRefreshHours });
    const budget = trigger.armOnly.budget;
    // gatherRelated asks only for the ARM-only gatherers the subject's active rules want: the
    // first question spends the subject's share of the budget, the others get the same answer.
    let reads: boolean | undefined;
    const decide = (): boolean => {
      if (!due) return false;
      if (budget.left > 0) {
        budget.left--;
        return true;
      }
      budget.deferred++;
      return false;
    };
    return { reads: () => (reads ??= decide()), readBefore };
  }
  const causeType = trigger.cause === undefined ? undefined : resourceTypeOf(trigger.cause);
  return { reads: (g) => causeType !== undefined && (g.armOnly?.changedBy.includes(causeType) ?? false), readBefore: false };
}

async function readOrThrow(ctx: GuardContext, resourceId: string): Promise<ArmResource | null> {
  try {
    return await ctx.reader.get(resourceId);
  } catch (error) {
    throw new ArmReadError(resourceId, error);
  }
}
