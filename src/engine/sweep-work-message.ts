import { decodeMessage, EventParseError } from '../events';
import { describeZodError } from '../model';
import type { GuardContext } from './context';
import { emptyRunResult, type RunResult } from './run-result';
import { sweepItem } from './sweep-item';
import { sweepItemSchema, type SweepItem } from './sweep-plan';

export { SWEEP_QUEUE } from './sweep-queue';

/**
 * A sweep work item delivered by the queue: evaluated, its outcome added to the run record. A
 * message that is not a work item will never be one: it is kept in poisonMessages with the
 * reason and acknowledged. Anything else that throws (the store down) propagates, so the queue
 * redelivers.
 */
export async function sweepWorkMessage(ctx: GuardContext, message: unknown): Promise<RunResult> {
  let item: SweepItem;
  try {
    const decoded = decodeMessage(message);
    const parsed = sweepItemSchema.safeParse(decoded.length === 1 ? decoded[0] : decoded);
    if (!parsed.success) throw new EventParseError(`not a sweep work item: ${describeZodError(parsed.error)}`);
    item = parsed.data;
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    await ctx.store.poison.keep({ source: 'sweepWorker', body: typeof message === 'string' ? message : JSON.stringify(message), reason: error.message, at: ctx.clock().toISOString() });
    ctx.log.error(`malformed sweep work item kept as poison: ${error.message}`);
    const result = emptyRunResult();
    result.errors.push({ error: `malformed sweep work item: ${error.message}` });
    return result;
  }
  return sweepItem(ctx, item);
}
