import { idKey, subjectTypeOf, type ArmResource } from '../model';
import { ArmReadError } from './arm-read-error';
import type { GuardContext } from './context';
import { mapConcurrent } from './concurrency';
import { evaluateResource, type ArmOnlyBudget, type EvaluationTrigger } from './evaluate-resource';
import { linkSourceTypes } from './related';
import { linksBuiltKey } from './related/dependency-links';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import type { WriteBudget } from './write-budget';
import { listWorkspacesOrRecord } from './list-workspaces';

export interface SubscriptionWalk {
  readonly budget: WriteBudget;
  readonly runId: string;
  readonly progress?: (message: string) => void;
  /** Called with each resource a remediation wrote (its snapshot is stale from then on). */
  readonly wrote?: (resourceId: string) => void;
  /** When the last sweep that covered the subscription started: ARM-only needs due since then are read. */
  readonly refreshSince?: string;
}

/**
 * Re-evaluates one subscription so a missed event never leaves a gap: every workspace, then
 * what the workspaces point at (computes, endpoints, linked storage, subnets, ...), breadth
 * first, each resource once, then every open finding whose resource none of that covered (a 404
 * resolves it). Reads go through `ctx.reader`: Resource Graph snapshots in a sweep, ARM when
 * Resource Graph refused.
 */
export async function sweepSubscription(ctx: GuardContext, subscriptionId: string, walk: SubscriptionWalk): Promise<RunResult> {
  const result = emptyRunResult();
  const workspaces = await listWorkspacesOrRecord(ctx, subscriptionId, result);
  if (!workspaces) return result;
  walk.progress?.(`subscription ${subscriptionId}: ${workspaces.length} workspace(s)`);
  const armOnlyBudget: ArmOnlyBudget = { left: ctx.config.armOnlyReadsPerSubscription, deferred: 0 };
  const trigger = { budget: walk.budget, correlationId: walk.runId, discover: true, armOnly: { since: walk.refreshSince, budget: armOnlyBudget } };
  const seen = new Set(workspaces.map((w) => idKey(w.id)));
  const evaluated = await mapConcurrent(workspaces, ctx.config.readConcurrency, (ws) => evaluateSafely(ctx, ws.id, { ...trigger, snapshot: ws }, walk));
  evaluated.forEach((r) => mergeInto(result, r));
  // Every workspace of the subscription has now stored its links: the index is built, and the
  // dependencies evaluated next need no fallback listing.
  const builtKey = linksBuiltKey(subscriptionId);
  if ((await ctx.store.state.get(builtKey)) === undefined) await ctx.store.state.set(builtKey, ctx.clock().toISOString());

  // Children listed with their parent (computes, endpoints) come with their snapshot: no GET.
  const snapshots = new Map<string, ArmResource>();
  const remember = (rs: readonly RunResult[]) => rs.forEach((r) => r.discoveredSnapshots.forEach((x) => snapshots.set(idKey(x.id), x)));
  remember(evaluated);
  let frontier = unseen(readable(ctx, evaluated.flatMap((r) => r.discovered)), seen);
  while (frontier.length) {
    walk.progress?.(`subscription ${subscriptionId}: evaluating ${frontier.length} related resource(s)`);
    const next = await evaluateLevel(ctx, frontier, snapshots, trigger, walk);
    next.forEach((r) => mergeInto(result, r));
    remember(next);
    frontier = unseen(readable(ctx, next.flatMap((r) => r.discovered)), seen);
  }
  if (armOnlyBudget.deferred > 0) {
    const message = `subscription ${subscriptionId}: what only ARM holds was read for ${ctx.config.armOnlyReadsPerSubscription} resource(s) (AMLGUARD_ARM_ONLY_READS_PER_SUBSCRIPTION); ${armOnlyBudget.deferred} more wait for the next sweep`;
    ctx.log.warn(message);
    walk.progress?.(message);
  }
  const open = [...(await ctx.store.findings.list({ subscriptionId, status: 'open' })), ...(await ctx.store.findings.list({ subscriptionId, status: 'excepted' }))];
  const stale = [...new Set(open.map((f) => f.resourceId).filter((id) => !seen.has(idKey(id))).map(idKey))];
  if (stale.length) walk.progress?.(`subscription ${subscriptionId}: re-reading ${stale.length} resource(s) with open findings`);
  const rechecked = await mapConcurrent(stale, ctx.config.readConcurrency, (id) => evaluateSafely(ctx, originalId(open, id), { budget: walk.budget, correlationId: walk.runId }, walk));
  rechecked.forEach((r) => mergeInto(result, r));
  return result;
}

/**
 * Types whose evaluation stores links that the rules of other resources read (compute ->
 * subnet, compute -> principal). A level of the sweep evaluates them first: a subnet that a
 * workspace's private endpoint brings into the same level as the computes injected into it is
 * otherwise judged before their links exist (NET-003 missed on the first sweep).
 */
const LINK_SOURCES: ReadonlySet<string> = linkSourceTypes();

async function evaluateLevel(ctx: GuardContext, ids: readonly string[], snapshots: ReadonlyMap<string, ArmResource>, trigger: EvaluationTrigger, walk: SubscriptionWalk): Promise<RunResult[]> {
  const sources = ids.filter((id) => LINK_SOURCES.has(subjectTypeOf(id)));
  const others = ids.filter((id) => !LINK_SOURCES.has(subjectTypeOf(id)));
  const one = (id: string) => {
    const snapshot = snapshots.get(idKey(id));
    return evaluateSafely(ctx, id, snapshot ? { ...trigger, snapshot } : trigger, walk);
  };
  const first = await mapConcurrent(sources, ctx.config.readConcurrency, one);
  const then = await mapConcurrent(others, ctx.config.readConcurrency, one);
  return [...first, ...then];
}

/** A resource that cannot be read is reported in `errors` (never silently skipped); the walk goes on. */
async function evaluateSafely(ctx: GuardContext, resourceId: string, trigger: EvaluationTrigger, walk: SubscriptionWalk): Promise<RunResult> {
  try {
    const result = await evaluateResource(ctx, resourceId, trigger);
    for (const a of result.actions) if (a.outcome === 'applied') walk.wrote?.(a.resourceId);
    return result;
  } catch (error) {
    if (!(error instanceof ArmReadError)) throw error;
    ctx.log.warn(error.message);
    const failed = emptyRunResult();
    failed.errors.push({ resourceId, error: error.message });
    return failed;
  }
}

function readable(ctx: GuardContext, ids: readonly string[]): string[] {
  return ids.filter((id) => ctx.reader.readableTypes.has(subjectTypeOf(id)));
}

/** Ids not yet in `seen` (which it then marks), first spelling kept. */
function unseen(ids: readonly string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const key = idKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(id);
  }
  return out;
}

function originalId(findings: readonly { resourceId: string }[], key: string): string {
  return findings.find((f) => idKey(f.resourceId) === key)?.resourceId ?? key;
}
