/**
 * Expiry resumes enforcement. The `exceptionExpiry` timer (every 15 minutes by default) calls
 * `reconcileExceptions`: it expires approved exceptions past their deadline and pending requests
 * older than 7 days, then re-evaluates every resource an exception that ended (expired or
 * revoked) since the last run covered, so the fix lands minutes after the deadline, not at the
 * next change of the resource.
 */
import { randomUUID } from 'node:crypto';
import { idKey, parseArmId, resourceTypeOf, scopeCovers, type Finding, type GuardException } from '../model';
import { ArmReadError } from './arm-read-error';
import { mapConcurrent } from './concurrency';
import type { GuardContext } from './context';
import { evaluateResource } from './evaluate-resource';
import { expireIfDue, expiryDue } from './exception-workflow';
import { notificationHousekeeping } from './notifications/exceptions';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { WriteBudget } from './write-budget';

/** `state` key: ISO time of the last successful reconciliation. */
export const EXPIRY_STATE_KEY = 'exceptions.lastReconciledAt';
/** `state` key: ids the last run handled inside the overlap window (not re-evaluated twice). */
const HANDLED_STATE_KEY = 'exceptions.lastReconciledIds';
/** Re-examine a little before the last run: a revoke racing the previous run is not missed (re-evaluation is idempotent). */
const OVERLAP_MS = 5 * 60_000;
/** How far back the first run (or a run after repeated failures) looks for ended exceptions. */
const MAX_LOOKBACK_MS = 7 * 24 * 3600_000;

export interface ReconcileOptions {
  /** Reconcile as of this time (default: the context clock); also the clock of the re-evaluations. */
  readonly now?: Date;
  readonly budget?: WriteBudget;
  readonly runId?: string;
  readonly progress?: (message: string) => void;
}

export interface ReconcileResult extends RunResult {
  /** Exceptions that stopped being in force (expired or revoked) since the last run: their resources were re-evaluated. */
  readonly ended: GuardException[];
  /** Pending requests expired because nobody decided on them within 7 days. */
  readonly expiredRequests: GuardException[];
  /** Resources re-evaluated. */
  readonly reevaluated: string[];
  /** Ended exceptions were looked for from this time. */
  readonly since: string;
}

export async function reconcileExceptions(ctx: GuardContext, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const now = options.now ?? ctx.clock();
  const c: GuardContext = options.now ? { ...ctx, clock: () => now } : ctx;
  const runId = options.runId ?? `expiry-${randomUUID()}`;
  const budget = options.budget ?? new WriteBudget(ctx.config.maxWritesPerRun);

  const [last, handledBefore] = await Promise.all([ctx.store.state.get(EXPIRY_STATE_KEY), ctx.store.state.get(HANDLED_STATE_KEY)]);
  const alreadyHandled = new Set(Array.isArray(handledBefore) ? handledBefore.filter((x): x is string => typeof x === 'string') : []);
  const lastMs = typeof last === 'string' ? Date.parse(last) : Number.NaN;
  const sinceMs = Math.max(now.getTime() - MAX_LOOKBACK_MS, Number.isNaN(lastMs) ? 0 : lastMs - OVERLAP_MS);
  const since = new Date(sinceMs).toISOString();

  // 1. Expire what is due (ETag-conditional; a concurrent change wins and is read back).
  const [approved, pending] = await Promise.all([ctx.store.exceptions.list({ status: 'approved' }), ctx.store.exceptions.list({ status: 'pending' })]);
  const expiredRequests: GuardException[] = [];
  for (const e of approved.filter((x) => expiryDue(x, now))) await expireIfDue(c, e);
  for (const e of pending.filter((x) => expiryDue(x, now))) {
    const after = await expireIfDue(c, e);
    if (after.status === 'expired') expiredRequests.push(after);
  }

  // 2. Exceptions that were in force and ended since the last run (by expiry here, on a read, or by a revoke).
  const [expired, revoked] = await Promise.all([ctx.store.exceptions.list({ status: 'expired' }), ctx.store.exceptions.list({ status: 'revoked' })]);
  const endedSince = [...expired, ...revoked].filter((e) => e.approvedAt !== undefined && e.decidedAt !== undefined && Date.parse(e.decidedAt) >= sinceMs);
  const ended = endedSince.filter((e) => !alreadyHandled.has(e.id));
  if (ended.length) options.progress?.(`${ended.length} exception(s) ended since ${since}: re-evaluating what they covered`);

  // 3. What they covered: the scope itself if it is a resource AML Guard reads, and every open / excepted finding under it.
  const targets = new Map<string, string>();
  const findingsBySubscription = new Map<string, Promise<Finding[]>>();
  const findingsOf = (subscriptionId: string) => {
    let p = findingsBySubscription.get(subscriptionId);
    if (!p) {
      p = Promise.all([ctx.store.findings.list({ subscriptionId, status: 'excepted' }), ctx.store.findings.list({ subscriptionId, status: 'open' })]).then((x) => x.flat());
      findingsBySubscription.set(subscriptionId, p);
    }
    return p;
  };
  for (const e of ended) {
    if (ctx.reader.readableTypes.has(resourceTypeOf(e.scope))) targets.set(idKey(e.scope), e.scope);
    for (const f of await findingsOf(parseArmId(e.scope).subscriptionId.toLowerCase())) {
      if (scopeCovers(e.scope, f.resourceId) && (e.ruleId === '*' || e.ruleId === f.ruleId) && !targets.has(idKey(f.resourceId))) targets.set(idKey(f.resourceId), f.resourceId);
    }
  }

  // 4. Re-evaluate: findings, remediation (exceptions still in force are honoured), audit.
  const result = emptyRunResult();
  const ids = [...targets.values()];
  const evaluated = await mapConcurrent(ids, ctx.config.readConcurrency, async (id) => {
    try {
      return await evaluateResource(c, id, { budget, correlationId: runId, armOnly: 'always' });
    } catch (error) {
      if (!(error instanceof ArmReadError)) throw error;
      ctx.log.warn(error.message);
      const failed = emptyRunResult();
      failed.errors.push({ resourceId: id, error: error.message });
      return failed;
    }
  });
  evaluated.forEach((r) => mergeInto(result, r));

  // 5. Advance the watermark only when every re-evaluation ran: a failed read is retried next run.
  if (result.errors.length === 0) {
    const recent = endedSince.filter((e) => Date.parse(e.decidedAt!) >= now.getTime() - OVERLAP_MS).map((e) => e.id);
    await ctx.store.state.set(HANDLED_STATE_KEY, recent);
    await ctx.store.state.set(EXPIRY_STATE_KEY, now.toISOString());
  }
  // 6. Notifications: exceptions ending within 24 h, and what the topic refused earlier.
  await notificationHousekeeping(c, now);
  return { ...result, ended, expiredRequests, reevaluated: ids, since };
}
