import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isGuid } from '../model';
import type { GuardContext } from './context';
import { subscriptionsInScope } from './subscriptions-in-scope';

/** One unit of sweep work: a few subscriptions, inventoried together and evaluated by one worker. */
export const sweepItemSchema = z.object({
  runId: z.string().min(1).max(200),
  index: z.number().int().min(0),
  subscriptions: z.array(z.string().refine(isGuid, 'a subscription GUID')).min(1),
  /** When the last sweep that covered every subscription of the item started (the ARM-only refresh window); absent: none did. */
  refreshSince: z.iso.datetime({ offset: true }).optional(),
});
export type SweepItem = z.infer<typeof sweepItemSchema>;

export interface SweepPlan {
  readonly runId: string;
  readonly items: readonly SweepItem[];
}

/**
 * Plans a sweep: the subscriptions in scope (configured, else every one the identity can read)
 * cut into work items of `sweepSubscriptionsPerItem`, and the run record (items planned). A
 * queue message carries an item (ids only); its worker takes the inventory itself.
 */
export async function planSweep(ctx: GuardContext, options: { readonly subscriptions: readonly string[]; readonly runId?: string; readonly progress?: (m: string) => void }): Promise<SweepPlan> {
  const runId = options.runId ?? `sweep-${randomUUID()}`;
  const subscriptions = await subscriptionsInScope(ctx, options.subscriptions);
  if (!options.subscriptions.length) options.progress?.(`no subscriptions configured: sweeping the ${subscriptions.length} the identity can read`);
  const per = ctx.config.sweepSubscriptionsPerItem;
  const covered = await ctx.store.runs.lastCovered(subscriptions);
  const items: SweepItem[] = [];
  for (let i = 0; i < subscriptions.length; i += per) {
    const subs = subscriptions.slice(i, i + per).map((s) => s.toLowerCase());
    const since = earliest(subs.map((s) => covered.get(s)));
    items.push({ runId, index: items.length, subscriptions: subs, ...(since !== undefined ? { refreshSince: since } : {}) });
  }
  await ctx.store.runs.startSweep({ runId, startedAt: ctx.clock().toISOString(), planned: items.length });
  return { runId, items };
}

/** The earliest of the times; undefined when any is missing (a subscription no sweep covered yet). */
function earliest(times: readonly (string | undefined)[]): string | undefined {
  let min: string | undefined;
  for (const t of times) {
    if (t === undefined) return undefined;
    if (min === undefined || Date.parse(t) < Date.parse(min)) min = t;
  }
  return min;
}
