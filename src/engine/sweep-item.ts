import { describeArmError } from '../azure/arm-error';
import { withDeadline } from '../azure/arm-throttle';
import { ResourceGraphRefusedError, INVENTORIED_TYPES } from '../azure/resource-graph';
import { SnapshotReader } from '../azure/snapshot-reader';
import { cachedStore } from '../store';
import type { GuardContext } from './context';
import { mergeInto, emptyRunResult, type RunResult } from './run-result';
import type { SweepItem } from './sweep-plan';
import { sweepSubscription } from './sweep-subscription';
import { WriteBudget } from './write-budget';

export interface SweepItemOptions {
  readonly budget?: WriteBudget;
  readonly progress?: (message: string) => void;
  /** Called as each subscription of the item is swept. */
  readonly subscriptionDone?: () => void;
}

/**
 * The worker: evaluates one work item. Its subscriptions are inventoried with Azure Resource
 * Graph (a few paged queries) and the rules run on those snapshots; every write re-reads from
 * ARM first. When Resource Graph refuses (no permission, provider not registered) the item lists
 * from ARM instead, and says so. Findings, links, inventory rows and exceptions are loaded once
 * and only changes are written. The item's outcome is added to the run record.
 */
export function sweepItem(ctx: GuardContext, item: SweepItem, options: SweepItemOptions = {}): Promise<RunResult> {
  // throttled or failing ARM calls retry until the item's deadline, then the resource is reported
  return withDeadline(Date.now() + ctx.config.sweepItemDeadlineSeconds * 1000, () => runItem(ctx, item, options));
}

async function runItem(ctx: GuardContext, item: SweepItem, options: SweepItemOptions): Promise<RunResult> {
  const budget = options.budget ?? new WriteBudget(ctx.config.maxWritesPerRun);
  const result = emptyRunResult();
  let failure: string | undefined;
  try {
    const reader = await inventoryReader(ctx, item, result, options.progress);
    if (reader !== undefined) {
      const store = await cachedStore(ctx.store, item.subscriptions);
      const itemCtx: GuardContext = { ...ctx, reader, store };
      for (const subscriptionId of item.subscriptions) {
        mergeInto(
          result,
          await sweepSubscription(itemCtx, subscriptionId, {
            budget,
            runId: item.runId,
            ...(item.refreshSince !== undefined ? { refreshSince: item.refreshSince } : {}),
            ...(options.progress ? { progress: options.progress } : {}),
            ...(reader instanceof SnapshotReader ? { wrote: (id: string) => reader.forget(id) } : {}),
          }),
        );
        options.subscriptionDone?.();
      }
      await store.flush();
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    result.errors.push({ error: `sweep item ${item.index} (${item.subscriptions.join(', ')}) failed: ${failure}` });
  }
  await ctx.store.runs.finishItem(item.runId, {
    index: item.index,
    status: failure === undefined && result.errors.length === 0 ? 'done' : 'failed',
    finishedAt: ctx.clock().toISOString(),
    subscriptions: item.subscriptions.join(','),
    errors: result.errors.length,
    ...(failure !== undefined ? { error: failure } : {}),
  });
  return result;
}

/**
 * Snapshots of the item's subscriptions from Resource Graph; ARM itself when Resource Graph
 * refuses; undefined (recorded as a failed listing) when the inventory cannot be read at all.
 */
async function inventoryReader(ctx: GuardContext, item: SweepItem, result: RunResult, progress?: (m: string) => void): Promise<GuardContext['reader'] | undefined> {
  try {
    const inventory = await ctx.reader.inventory(item.subscriptions);
    progress?.(`inventory of ${item.subscriptions.length} subscription(s) from Resource Graph: ${inventory.resources.length} resource(s) in ${inventory.calls} quer${inventory.calls === 1 ? 'y' : 'ies'}`);
    return new SnapshotReader(ctx.reader.live, inventory.resources, item.subscriptions, INVENTORIED_TYPES);
  } catch (error) {
    if (error instanceof ResourceGraphRefusedError) {
      const message = `${error.message}: listing from ARM instead`;
      ctx.log.warn(message);
      progress?.(message);
      return ctx.reader.live;
    }
    for (const sub of item.subscriptions) result.errors.push({ resourceId: `/subscriptions/${sub}`, error: `inventory (Resource Graph) failed: ${describeArmError(error)}` });
    return undefined;
  }
}
