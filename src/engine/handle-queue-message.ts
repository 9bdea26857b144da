import { EventParseError } from '../events';
import type { GuardContext } from './context';
import { EventInProgressError } from './event-in-progress-error';
import { handleEventMessage } from './handle-event-message';
import { emptyRunResult, type RunResult } from './run-result';

export interface QueueMessageMeta {
  readonly source: string;
  readonly messageId?: string;
  /**
   * Puts the message back on its queue, visible again after `delaySeconds` (a new message: its
   * dequeue count starts again). Used when an event's resource is leased by another invocation,
   * so a busy resource never burns a message into the poison queue. Without it such a delivery
   * fails and is retried by its trigger.
   */
  readonly defer?: (message: unknown, delaySeconds: number) => Promise<void>;
}

/** Seconds until the earliest lease of the deferred events ends, between 1 and config.deferMaxSeconds. */
export function deferralSeconds(ctx: GuardContext, result: RunResult): number {
  const until = Math.min(...result.deferred.map((d) => Date.parse(d.until)));
  const seconds = Math.ceil((until - ctx.clock().getTime()) / 1000);
  return Math.max(1, Math.min(ctx.config.deferMaxSeconds, Number.isFinite(seconds) ? seconds : 1));
}

/**
 * A queue delivery: a malformed message will never parse, so it is kept at once (with the
 * reason) in the poison store and acknowledged; events whose resource is busy are deferred (the
 * message re-enqueued with a delay; its processed events are acknowledged as duplicates when it
 * comes back); anything else that throws (ARM unreachable, a failed store write) propagates so
 * the queue redelivers, up to maxDequeueCount.
 */
export async function handleQueueMessage(ctx: GuardContext, message: unknown, meta: QueueMessageMeta): Promise<RunResult> {
  let result: RunResult;
  try {
    result = await handleEventMessage(ctx, message);
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
    const failed = emptyRunResult();
    failed.errors.push({ error: `malformed message: ${error.message}` });
    return failed;
  }
  if (result.deferred.length) {
    if (!meta.defer) throw new EventInProgressError(result.deferred.map((d) => d.eventId));
    const delay = deferralSeconds(ctx, result);
    await meta.defer(message, delay);
    ctx.log.info(`deferred ${result.deferred.length} event(s) by ${delay} s: ${result.deferred.map((d) => `${d.eventId} (${d.resourceId} is leased)`).join(', ')}`);
  }
  return result;
}

/**
 * For a one-shot run (the CLI's replay): handles the message, and while some of its events wait
 * for a resource another process holds, waits and handles it again (processed events are then
 * acknowledged as duplicates), so nothing is left behind.
 */
export async function handleEventMessageToCompletion(ctx: GuardContext, message: unknown, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<RunResult> {
  let result = await handleEventMessage(ctx, message);
  const total = result;
  while (result.deferred.length) {
    // The holder usually finishes within a second or two: look again soon rather than at its lease's end.
    await sleep(Math.min(deferralSeconds(ctx, result) * 1000, 1000));
    result = await handleEventMessage(ctx, message);
    total.findings.push(...result.findings);
    total.actions.push(...result.actions);
    total.errors.push(...result.errors);
    total.deferred = result.deferred;
  }
  return total;
}
