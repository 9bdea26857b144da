import { type ActionRecord, type AuditEntry, type Finding, type Rule } from '../model';
import type { GuardContext } from './context';
import { isOpenish, observeViolation, resolveFinding } from './finding-transitions';
import { remediationAuditEntry } from './remediation-audit';

/** How far back a redelivery looks for its own writes: a queue message lives 7 days at most (the Storage queue default). */
const REDELIVERY_WINDOW_MS = 7 * 24 * 3_600_000;
/** How far back anything looks (the audit's default window): an older intent is left as it is. */
const LOOKBACK_MS = 90 * 24 * 3_600_000;
/** Hosts' clocks differ: an entry another instance stamped a little "later" than this one's now is still looked at. */
const CLOCK_SKEW_MS = 15 * 60_000;

/** What an evaluation records for an earlier write whose outcome, finding or notification was lost. */
export interface RecoveredOutcome {
  /** The reconciled outcome of a dangling intent (to append to the audit). */
  readonly audit: AuditEntry[];
  /** Decisions recorded now (the reconciled `applied`): the run's actions, notified with them. */
  readonly actions: ActionRecord[];
  /** Writes the audit already records as applied whose finding and notification were lost: notified now, not audited again. */
  readonly notify: ActionRecord[];
  /** The finding the write resolved, when no open one is stored (the run that wrote could not store it). */
  readonly finding?: Finding;
}

export interface LostOutcomeOptions {
  /** This evaluation redelivers an event whose earlier delivery failed (queue dequeue count > 1, or its claim was left behind). */
  readonly retry: boolean;
  /** The evaluation's time (ISO). */
  readonly now: string;
  /** The correlation id of the event (or run) being evaluated. */
  readonly correlationId?: string;
}

/**
 * Writes whose outcome could not be recorded. A write's intent (`attempting`) is appended before
 * ARM is touched; its outcome, the finding and the notification after. When Table Storage fails
 * in between, the queue redelivers the event and the retry finds the resource compliant: without
 * this, nothing would ever say the write was applied. An evaluation looks at the subject's
 * remediation audit only when something may have been lost — an open finding now resolves, or the
 * event is a redelivery — never on the normal path (one query, on the first rule that asks).
 *
 * Per rule, the newest remediation entry about the subject decides:
 * - `attempting` and the rule passes: the resource is as the write wanted, so the outcome is
 *   recorded as `applied` (summary `reconciled: ...`, the intent's correlation id), and notified.
 *   Whether the write or someone else made it so cannot be known; the write was made for this
 *   state and ARM holds it, so it is counted once, as the fix it was.
 * - `attempting` and the rule fails (a redelivery): the write did not land, or was undone —
 *   recorded as `failed` (reconciled, not notified: the same evaluation then decides a new write,
 *   which is notified itself).
 * - `applied` but the stored finding does not say so (none stored, or open since before that
 *   write): the run recorded the outcome and died before storing the finding. The finding is
 *   stored resolved; the audit, right already, gets nothing (KPIs count that write once). The
 *   `Applied` notification is sent only when this is a redelivery of the very event that wrote
 *   (same correlation id): the event path notifies after storing findings, so it was never sent;
 *   a sweep notifies before it writes its findings, so its write may well have been announced.
 */
export class LostOutcomes {
  private history: Promise<AuditEntry[]> | undefined;
  private readonly since: string | undefined;

  constructor(
    private readonly ctx: GuardContext,
    private readonly subjectId: string,
    storedOwn: readonly Finding[],
    private readonly options: LostOutcomeOptions,
  ) {
    const nowMs = Date.parse(options.now);
    // An intent that resolves an open finding was written after the finding was first seen.
    const candidates = storedOwn.filter(isOpenish).map((f) => Date.parse(f.firstSeen));
    if (options.retry) candidates.push(nowMs - REDELIVERY_WINDOW_MS);
    this.since = candidates.length ? new Date(Math.max(nowMs - LOOKBACK_MS, Math.min(...candidates))).toISOString() : undefined;
  }

  /** The rule passes on the subject (`existing`: its stored finding). No I/O unless that finding is open or this is a redelivery. */
  async passing(rule: Rule, existing: Finding | undefined): Promise<RecoveredOutcome | undefined> {
    const resolving = existing !== undefined && isOpenish(existing);
    if (!resolving && !this.options.retry) return undefined;
    const last = await this.newest(rule.id);
    if (!last) return undefined;
    const finding = resolving || reflects(existing, last) ? undefined : resolvedBy(rule, this.subjectId, last, this.options.now);
    if (last.outcome === 'attempting') {
      const record = reconciled(last, rule, 'applied', `re-read later, ${rule.id} passes: the resource is as the write intended`, this.options.now);
      return { audit: [remediationAuditEntry(this.ctx.actor, record)], actions: [record], notify: [], ...(finding ? { finding } : {}) };
    }
    if (last.outcome === 'applied' && !reflects(existing, last)) {
      const unannounced = this.options.retry && last.correlationId !== undefined && last.correlationId === this.options.correlationId;
      return { audit: [], actions: [], notify: unannounced ? [recordOf(last, 'applied')] : [], ...(finding ? { finding } : {}) };
    }
    return undefined;
  }

  /** The rule fails on the subject. No I/O unless this is a redelivery. */
  async failing(rule: Rule): Promise<AuditEntry[]> {
    if (!this.options.retry) return [];
    const last = await this.newest(rule.id);
    if (last?.outcome !== 'attempting') return [];
    const record = reconciled(last, rule, 'failed', `re-read on a retry, ${rule.id} still fails: the write was not made, or was undone`, this.options.now);
    return [remediationAuditEntry(this.ctx.actor, { ...record, error: 'not applied (outcome recorded on a retry)' })];
  }

  /** The newest remediation entry of the rule about the subject; an outcome stamped at its intent's time counts as after it. */
  private async newest(ruleId: string): Promise<AuditEntry | undefined> {
    this.history ??= this.ctx.store.audit.list({ category: 'remediation', concerning: this.subjectId, ...(this.since ? { since: this.since } : {}), until: new Date(Date.parse(this.options.now) + CLOCK_SKEW_MS).toISOString() });
    const order = (e: AuditEntry) => `${e.at}|${e.outcome === 'attempting' ? 0 : 1}`;
    return (await this.history)
      .filter((e) => e.ruleId === ruleId && e.outcome !== 'planned')
      .reduce<AuditEntry | undefined>((newest, e) => (newest === undefined || order(e) > order(newest) ? e : newest), undefined);
  }
}

function recordOf(entry: AuditEntry, outcome: ActionRecord['outcome']): ActionRecord {
  return {
    ruleId: entry.ruleId ?? '',
    resourceId: entry.resourceId ?? '',
    ...(entry.subjectId !== undefined ? { subjectId: entry.subjectId } : {}),
    action: entry.action,
    outcome,
    summary: entry.summary ?? '',
    ...(entry.before !== undefined ? { before: entry.before } : {}),
    ...(entry.after !== undefined ? { after: entry.after } : {}),
    at: entry.at,
    ...(entry.correlationId !== undefined ? { correlationId: entry.correlationId } : {}),
  };
}

/** The outcome of a dangling intent, recorded now and said to be reconciled (with the intent's correlation id). */
function reconciled(intent: AuditEntry, rule: Rule, outcome: 'applied' | 'failed', why: string, now: string): ActionRecord {
  const of = intent.correlationId ? ` of the write intended by ${intent.correlationId} at ${intent.at}` : ` of the write intended at ${intent.at}`;
  return { ...recordOf(intent, outcome), summary: `reconciled: outcome${of} recorded by a later evaluation (${why}). ${intent.summary ?? rule.remediation}`, at: now };
}

/** Whether the stored finding records that `applied` write's result (resolved at or after it, or observed after it). */
function reflects(existing: Finding | undefined, applied: AuditEntry): boolean {
  if (!existing) return false;
  if (isOpenish(existing)) return existing.lastSeen > applied.at;
  return (existing.resolvedAt ?? existing.lastSeen) >= applied.at;
}

/** The finding the write fixed, as its run would have stored it: seen at the intent, resolved now. */
function resolvedBy(rule: Rule, subjectId: string, entry: AuditEntry, now: string): Finding {
  const evidence = { outcomeRecordedOnRetry: true, ...(entry.correlationId ? { correlationId: entry.correlationId } : {}) };
  return resolveFinding(observeViolation(undefined, rule, subjectId, evidence, entry.summary ?? rule.remediation, entry.at, undefined), now);
}
