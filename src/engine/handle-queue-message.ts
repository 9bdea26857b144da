import { EventParseError } from '../events';
import type { GuardContext } from './context';
import { handleEventMessage } from './handle-event-message';
import { emptyRunResult, type RunResult } from './run-result';

export interface QueueMessageMeta {
  readonly source: string;
  readonly messageId?: string;
}

/**
 * A queue delivery: a malformed message will never parse, so it is kept at once (with the
 * reason) in the poison store and acknowledged; anything else that throws (ARM unreachable,
 * a failed store write) propagates so the queue redelivers, up to maxDequeueCount.
 */
export async function handleQueueMessage(ctx: GuardContext, message: unknown, meta: QueueMessageMeta): Promise<RunResult> {
  try {
    return await handleEventMessage(ctx, message);
  } catch (error) {
    if (!(error instanceof EventParseError)) throw error;
    await ctx.store.poison.keep({
      source: meta.source,
      ...(meta.messageId ? { messageId: meta.messageId } : {}),
      body: typeof message === 'string' ? message : JSON.stringify(message),
      reason: error.message,
      at: ctx.clock().toISOString(),
    });
    ctx.log.error(`malformed message kept as poison: ${error.message}`);
    const result = emptyRunResult();
    result.errors.push({ error: `malformed message: ${error.message}` });
    return result;
  }
}
