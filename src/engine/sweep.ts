import type { GuardContext } from './context';
import { mapConcurrent } from './concurrency';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { sweepItem } from './sweep-item';
import { planSweep } from './sweep-plan';
import { WriteBudget } from './write-budget';

export interface SweepOptions {
  /** Empty: every subscription the identity can read. */
  readonly subscriptions: readonly string[];
  readonly runId?: string;
  /** Progress for people (stderr in the CLI). */
  readonly progress?: (message: string) => void;
  /** Subscriptions swept so far, of all in the plan (the CLI's progress bar). */
  readonly advance?: (done: number, total: number) => void;
  readonly budget?: WriteBudget;
}

/**
 * A whole sweep in this process (the CLI's scan, serve): the same plan the timer enqueues, its
 * work items evaluated `sweepConcurrency` at a time, one write budget for the run.
 */
export async function sweep(ctx: GuardContext, options: SweepOptions): Promise<RunResult> {
  const budget = options.budget ?? new WriteBudget(ctx.config.maxWritesPerRun);
  const plan = await planSweep(ctx, options);
  const total = plan.items.reduce((n, item) => n + item.subscriptions.length, 0);
  let done = 0;
  options.advance?.(done, total);
  const itemOptions = { budget, ...(options.progress ? { progress: options.progress } : {}), subscriptionDone: () => options.advance?.(++done, total) };
  const results = await mapConcurrent(plan.items, ctx.config.sweepConcurrency, (item) => sweepItem(ctx, item, itemOptions));
  return results.reduce((all, r) => mergeInto(all, r), emptyRunResult());
}
