import { EventParseError } from '../events';
import type { GuardContext } from './context';
import { EventInProgressError } from './event-in-progress-error';
import { handleEventMessage } from './handle-event-message';
import { emptyRunResult, type RunResult } from './run-result';

export interface QueueMessageMeta {
  readonly source: string;
  readonly messageId?: string;
  /** This delivery's number (1 for the first), as the queue counts it. */
  readonly dequeueCount?: number;
  /** The delivery after which the queue gives the message up (host.json `maxDequeueCount`). */
  readonly maxDequeueCount?: number;
  /**
   * Puts the message back on its queue, visible again after `delaySeconds` (a new message: its
   * dequeue count starts again). Used when an event's resource is leased by another invocation,
   * so a busy resource never burns a message into the poison queue. Without it such a delivery
   * fails and is retried by its trigger.
   */
  readonly defer?: (message: unknown, delaySeconds: number) => Promise<void>;
}

/** The message as the poison store keeps it: text as received, else its JSON. */
export function messageText(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
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
 * the queue redelivers, up to maxDequeueCount. On that last delivery the message is kept with
 * its error and acknowledged instead, so the operator sees why (`aml-guard poison list`) rather
 * than a bare message in `<queue>-poison`.
 */
export async function handleQueueMessage(ctx: GuardContext, message: unknown, meta: QueueMessageMeta): Promise<RunResult> {
  let result: RunResult;
  try {
    result = await handleEventMessage(ctx, message, undefined, { retry: (meta.dequeueCount ?? 1) > 1 });
  } catch (error) {
    const lastDelivery = meta.dequeueCount !== undefined && meta.maxDequeueCount !== undefined && meta.dequeueCount >= meta.maxDequeueCount;
    if (!(error instanceof EventParseError) && !lastDelivery) throw error;
    const text = error instanceof Error ? error.message : String(error);
    const reason = error instanceof EventParseError ? `malformed message: ${text}` : `failed ${meta.dequeueCount} deliveries; last error: ${text}`;
    await keepPoison(ctx, message, meta, reason);
    ctx.log.error(`message kept as poison: ${reason}`);
    const failed = emptyRunResult();
    failed.errors.push({ error: reason });
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

/**
 * A message the Functions host moved to `<queue>-poison` without our handler giving it up: the
 * invocation timed out or its worker died on every delivery. Kept, with what is known.
 */
export async function keepHostPoisonedMessage(ctx: GuardContext, message: unknown, meta: QueueMessageMeta & { readonly queue: string }): Promise<string> {
  const reason = `moved to ${meta.source} by the Functions host after ${meta.maxDequeueCount ?? 'the maximum'} deliveries from ${meta.queue}; no invocation reported an error (timeout or crashed worker)`;
  const id = await keepPoison(ctx, message, meta, reason);
  ctx.log.error(`poison queue message kept as ${id}: ${reason}`);
  return id;
}

function keepPoison(ctx: GuardContext, message: unknown, meta: QueueMessageMeta, reason: string): Promise<string> {
  return ctx.store.poison.keep({
    source: meta.source,
    ...(meta.messageId ? { messageId: meta.messageId } : {}),
    ...(meta.dequeueCount !== undefined ? { dequeueCount: meta.dequeueCount } : {}),
    body: messageText(message),
    reason,
    at: ctx.clock().toISOString(),
  });
}
