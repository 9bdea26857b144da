import { declaresAction, effectiveMode, sameId, type ActionRecord, type ArmResource, type RemediationAction, type Rule, type RelatedResources, type Violation } from '../model';
import type { ExecutionResult } from '../azure/remediation-executor';
import type { GuardContext } from './context';
import { holdTarget } from './remediation-target';
import type { WriteBudget } from './write-budget';

export interface RemediationOutcome {
  readonly records: ActionRecord[];
  /** The rule passes on the state ARM returned: the finding is fixed. */
  readonly fixed: boolean;
  /** The subject's state as ARM returned it after the writes, when known. */
  readonly subjectState?: ArmResource | null;
}

export interface RemediationRequest {
  readonly rule: Rule;
  readonly subject: ArmResource;
  readonly related: RelatedResources;
  readonly violation: Violation;
  readonly exceptionId: string | undefined;
  readonly budget: WriteBudget;
  readonly correlationId: string | undefined;
  /**
   * The caller holds the subject's lease and read `subject` under it, just now: a write to the
   * subject needs neither another lease nor another read. Otherwise (a sweep's listed snapshot,
   * a write to another resource) the target is leased and re-read before anything is written.
   */
  readonly leased?: boolean;
  /** The subject's state after an earlier write of this evaluation (default: `subject`). */
  readonly current?: ArmResource | null;
  /** A resource whose lease this invocation already holds (the resource an event is about): written after a re-read, without a second lease. */
  readonly holding?: string;
}

/**
 * The one remediation path (rules' findings and the nightly idle shutdown alike). Every write is
 * justified (a violation), allowed (exception, mode), bounded (budget), taken under the target's
 * lease on its current state, recorded before ARM is touched (the write-ahead `attempting` audit
 * entry) and reported (an ActionRecord per action, which callers audit).
 */
export async function remediate(ctx: GuardContext, req: RemediationRequest): Promise<RemediationOutcome> {
  const { rule, violation } = req;
  if (violation.actions.length === 0) return { records: [], fixed: false };
  const at = ctx.clock().toISOString();
  const base = (action: RemediationAction) => ({
    ruleId: rule.id,
    resourceId: action.resourceId,
    ...(sameId(action.resourceId, req.subject.id) ? {} : { subjectId: req.subject.id }),
    action: action.kind,
    summary: violation.remediation,
    at,
    ...(req.correlationId ? { correlationId: req.correlationId } : {}),
  });
  const skipAll = (outcome: ActionRecord['outcome'], extra: Partial<ActionRecord> = {}) => ({
    records: violation.actions.map((a) => ({ ...base(a), outcome, ...extra })),
    fixed: false,
  });

  if (req.exceptionId) return skipAll('skipped-exception', { exceptionId: req.exceptionId });
  if (effectiveMode(ctx.config, rule.id, rule.defaultMode) !== 'enforce') return skipAll('skipped-audit');

  const records: ActionRecord[] = [];
  let lastResource: ArmResource | null | undefined;
  let allDone = true;
  for (const action of violation.actions) {
    if (!declaresAction(rule, action) || !ctx.executor.supports(action)) {
      const why = declaresAction(rule, action) ? `AML Guard cannot perform ${action.kind} on this resource type` : `${rule.id} does not declare ${action.kind} on this resource type`;
      records.push({ ...base(action), outcome: 'failed', error: why });
      allDone = false;
      break;
    }
    if (!req.budget.tryTake()) {
      records.push({ ...base(action), outcome: 'skipped-cap', error: `${req.budget.description} reached` });
      allDone = false;
      break;
    }
    if (ctx.planOnly) {
      // Plan only: what would be written, from the subject as just read (or the target re-read); no lease, no write.
      const subjectNow = req.current !== undefined ? req.current : req.subject;
      const planned = await ctx.executor.plan(action, req.leased && sameId(action.resourceId, req.subject.id) ? { snapshot: subjectNow } : {});
      if (planned.outcome !== 'planned') req.budget.giveBack();
      records.push(recordOf(base(action), planned));
      allDone = false;
      if (planned.outcome === 'failed') break;
      continue;
    }
    const target = await holdTarget(ctx, req, action);
    if (target.kind !== 'held') {
      req.budget.giveBack();
      records.push({ ...base(action), outcome: 'failed', error: target.error });
      allDone = false;
      break;
    }
    let result;
    try {
      if (target.fresh && sameId(action.resourceId, req.subject.id) && !stillViolates(ctx, req, target.snapshot)) {
        // Re-read under the lease, the subject no longer violates the rule (fixed or deleted meanwhile): nothing to write.
        req.budget.giveBack();
        await target.release();
        records.push({
          ...base(action),
          outcome: 'already-compliant',
          summary: `re-read before writing: ${rule.id} no longer fails, nothing written`,
          ...(target.snapshot === null ? { error: 'resource no longer exists' } : {}),
        });
        lastResource = target.snapshot;
        continue;
      }
      // Write-ahead audit: the intent is recorded before ARM is touched, so a write can never
      // happen unaudited; if the store is down this throws and nothing is written.
      await ctx.store.audit.append([
        { ...base(action), at: ctx.clock().toISOString(), category: 'remediation', actor: ctx.actor, outcome: 'attempting' },
      ]);
      result = await ctx.executor.execute(action, { snapshot: target.snapshot });
      await target.release();
    } catch (error) {
      await target.abandon();
      throw error;
    }
    if (!result.wrote) req.budget.giveBack();
    // The outcome is stamped when the write finished, so the audit reads intent, then outcome.
    records.push(recordOf({ ...base(action), at: ctx.clock().toISOString() }, result));
    if (result.outcome === 'failed') {
      allDone = false;
      break;
    }
    lastResource = result.resource;
  }
  if (!allDone || ctx.planOnly) return { records, fixed: false };
  // The finding is fixed only if the rule itself passes on the subject's state as ARM returned it.
  if (lastResource === undefined || (lastResource !== null && !sameId(lastResource.id, req.subject.id))) lastResource = await ctx.reader.live.get(req.subject.id);
  if (lastResource === null) return { records, fixed: true, subjectState: null };
  const verdict = rule.evaluate({ subject: lastResource, related: req.related, config: ctx.config, now: ctx.clock() });
  return { records, fixed: verdict.status !== 'fail', subjectState: lastResource };
}

function stillViolates(ctx: GuardContext, req: RemediationRequest, fresh: ArmResource | null): boolean {
  if (fresh === null) return false;
  return req.rule.evaluate({ subject: fresh, related: req.related, config: ctx.config, now: ctx.clock() }).status === 'fail';
}

function recordOf(base: Omit<ActionRecord, 'outcome'>, result: ExecutionResult): ActionRecord {
  return {
    ...base,
    outcome: result.outcome,
    ...(result.before !== undefined ? { before: result.before } : {}),
    ...(result.after !== undefined ? { after: result.after } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}
