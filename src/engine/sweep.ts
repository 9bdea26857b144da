import { randomUUID } from 'node:crypto';
import { idKey, resourceTypeOf, type ArmResource } from '../model';
import { ArmReadError } from './arm-read-error';
import type { GuardContext } from './context';
import { mapConcurrent } from './concurrency';
import { subscriptionsInScope } from './subscriptions-in-scope';
import { evaluateResource } from './evaluate-resource';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { WriteBudget } from './write-budget';
import { listWorkspacesOrRecord } from './list-workspaces';
import { linkSourceTypes } from './related';

export interface SweepOptions {
  /** Empty: every subscription the identity can read. */
  readonly subscriptions: readonly string[];
  readonly runId?: string;
  /** Progress for people (stderr in the CLI). */
  readonly progress?: (message: string) => void;
  readonly budget?: WriteBudget;
}

/**
 * Re-evaluates everything in scope so a missed event never leaves a gap: every workspace
 * (one list call per subscription page), then what the workspaces point at (computes,
 * endpoints, linked storage, subnets, ...; one GET each, each once), then every open finding
 * whose resource none of that covered (a GET each; a 404 resolves it). ARM calls grow with
 * the number of resources, never with rules x resources.
 */
export async function sweep(ctx: GuardContext, options: SweepOptions): Promise<RunResult> {
  const runId = options.runId ?? `sweep-${randomUUID()}`;
  const budget = options.budget ?? new WriteBudget(ctx.config.maxWritesPerRun);
  const result = emptyRunResult();
  const subscriptions = await subscriptionsInScope(ctx, options.subscriptions);
  if (!options.subscriptions.length) options.progress?.(`no subscriptions configured: sweeping the ${subscriptions.length} the identity can read`);
  for (const subscriptionId of subscriptions) {
    const workspaces = await listWorkspacesOrRecord(ctx, subscriptionId, result);
    if (!workspaces) continue;
    options.progress?.(`subscription ${subscriptionId}: ${workspaces.length} workspace(s)`);
    const seen = new Set(workspaces.map((w) => idKey(w.id)));
    const evaluated = await mapConcurrent(workspaces, ctx.config.readConcurrency, (ws) =>
      evaluateSafely(ctx, ws.id, { budget, correlationId: runId, snapshot: ws, discover: true }),
    );
    evaluated.forEach((r) => mergeInto(result, r));
    // Every workspace of the subscription has now stored its links: the index is built, and the
    // dependencies evaluated next need no fallback listing.
    await ctx.store.state.set(`links.builtAt.${subscriptionId.toLowerCase()}`, ctx.clock().toISOString());

    // Follow what the workspaces point at (computes, endpoints, linked storage, subnets, ...),
    // breadth first, each resource once: this also rebuilds the link index.
    // Children listed with their parent (computes, endpoints) come with their snapshot: no GET.
    const snapshots = new Map<string, ArmResource>();
    const remember = (rs: readonly RunResult[]) => rs.forEach((r) => r.discoveredSnapshots.forEach((x) => snapshots.set(idKey(x.id), x)));
    remember(evaluated);
    let frontier = unseen(readable(ctx, evaluated.flatMap((r) => r.discovered)), seen);
    while (frontier.length) {
      options.progress?.(`subscription ${subscriptionId}: evaluating ${frontier.length} related resource(s)`);
      const next = await evaluateLevel(ctx, frontier, snapshots, { budget, correlationId: runId, discover: true });
      next.forEach((r) => mergeInto(result, r));
      remember(next);
      frontier = unseen(readable(ctx, next.flatMap((r) => r.discovered)), seen);
    }
    const open = [
      ...(await ctx.store.findings.list({ subscriptionId, status: 'open' })),
      ...(await ctx.store.findings.list({ subscriptionId, status: 'excepted' })),
    ];
    const stale = [...new Set(open.map((f) => f.resourceId).filter((id) => !seen.has(idKey(id))).map(idKey))];
    if (stale.length) options.progress?.(`subscription ${subscriptionId}: re-reading ${stale.length} resource(s) with open findings`);
    const rechecked = await mapConcurrent(stale, ctx.config.readConcurrency, (id) => evaluateSafely(ctx, originalId(open, id), { budget, correlationId: runId }));
    rechecked.forEach((r) => mergeInto(result, r));
  }
  return result;
}

/**
 * Types whose evaluation stores links that the rules of other resources read (compute ->
 * subnet, compute -> principal). A level of the sweep evaluates them first: a subnet that a
 * workspace's private endpoint brings into the same level as the computes injected into it is
 * otherwise judged before their links exist (NET-003 missed on the first sweep).
 */
const LINK_SOURCES: ReadonlySet<string> = linkSourceTypes();

async function evaluateLevel(ctx: GuardContext, ids: readonly string[], snapshots: ReadonlyMap<string, ArmResource>, trigger: Parameters<typeof evaluateResource>[2]): Promise<RunResult[]> {
  const sources = ids.filter((id) => LINK_SOURCES.has(resourceTypeOf(id)));
  const others = ids.filter((id) => !LINK_SOURCES.has(resourceTypeOf(id)));
  const one = (id: string) => {
    const snapshot = snapshots.get(idKey(id));
    return evaluateSafely(ctx, id, snapshot ? { ...trigger, snapshot } : trigger);
  };
  const first = await mapConcurrent(sources, ctx.config.readConcurrency, one);
  const then = await mapConcurrent(others, ctx.config.readConcurrency, one);
  return [...first, ...then];
}

async function evaluateSafely(ctx: GuardContext, resourceId: string, trigger: Parameters<typeof evaluateResource>[2]): Promise<RunResult> {
  try {
    return await evaluateResource(ctx, resourceId, trigger);
  } catch (error) {
    if (!(error instanceof ArmReadError)) throw error;
    ctx.log.warn(error.message);
    const failed = emptyRunResult();
    failed.errors.push({ resourceId, error: error.message });
    return failed;
  }
}

function readable(ctx: GuardContext, ids: readonly string[]): string[] {
  return ids.filter((id) => ctx.reader.readableTypes.has(resourceTypeOf(id)));
}

/** Ids not yet in `seen` (which it then marks), readable by this reader, first spelling kept. */
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
