import { declaresAction, effectiveMode, sameId, type ActionRecord, type ArmResource, type RemediationAction, type Rule, type RelatedResources, type Violation } from '../model';
import type { ExecutionResult } from '../azure/remediation-executor';
import type { GuardContext } from './context';
import type { WriteBudget } from './write-budget';

export interface RemediationOutcome {
  readonly records: ActionRecord[];
  /** The rule passes on the read-back state: the finding is fixed. */
  readonly fixed: boolean;
}

export interface RemediationRequest {
  readonly rule: Rule;
  readonly subject: ArmResource;
  readonly related: RelatedResources;
  readonly violation: Violation;
  readonly exceptionId: string | undefined;
  readonly budget: WriteBudget;
  readonly correlationId: string | undefined;
}

/**
 * Decides and performs the remediation of one violation. Every write must be justified
 * (a violation), allowed (mode, exception), bounded (budget) and recorded (ActionRecord).
 */
export async function remediate(ctx: GuardContext, req: RemediationRequest): Promise<RemediationOutcome> {
  const { rule, violation } = req;
  if (violation.actions.length === 0) return { records: [], fixed: false };
  const at = ctx.clock().toISOString();
  const base = (action: RemediationAction) => ({
    ruleId: rule.id,
    resourceId: action.resourceId,
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
      records.push({ ...base(action), outcome: 'skipped-cap', error: `blast-radius cap of ${req.budget.limit} writes per run reached` });
      allDone = false;
      break;
    }
    if (ctx.planOnly) {
      const planned = await ctx.executor.plan(action);
      if (planned.outcome !== 'planned') req.budget.giveBack();
      records.push(recordOf(base(action), planned));
      allDone = false;
      if (planned.outcome === 'failed') break;
      continue;
    }
    // Write-ahead audit: the intent is recorded before ARM is touched, so a write can never
    // happen unaudited; if the store is down this throws and nothing is written.
    await ctx.store.audit.append([
      { at: ctx.clock().toISOString(), category: 'remediation', actor: ctx.actor, ruleId: rule.id, resourceId: action.resourceId, action: action.kind, outcome: 'attempting', summary: violation.remediation, ...(req.correlationId ? { correlationId: req.correlationId } : {}) },
    ]);
    const result = await ctx.executor.execute(action);
    if (!result.wrote) req.budget.giveBack();
    records.push(recordOf(base(action), result));
    if (result.outcome === 'failed') {
      allDone = false;
      break;
    }
    lastResource = result.resource;
  }
  if (!allDone || ctx.planOnly) return { records, fixed: false };
  // The finding is fixed only if the rule itself passes on the subject's state read back from ARM.
  if (!lastResource || !sameId(lastResource.id, req.subject.id)) lastResource = await ctx.reader.live.get(req.subject.id);
  if (lastResource === null) return { records, fixed: true };
  const verdict = rule.evaluate({ subject: lastResource, related: req.related, config: ctx.config, now: ctx.clock() });
  return { records, fixed: verdict.status !== 'fail' };
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
