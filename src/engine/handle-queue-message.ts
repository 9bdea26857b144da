import { EventParseError } from '../events';
import type { GuardContext } from './context';
import { handleEventMessage } from './handle-event-message';
import { emptyRunResult, type RunResult } from './run-result';

export interface QueueMessageMeta {
  readonly source: string;
  readonly messageId?: string;
  /** This delivery's number (1 for the first), as the queue counts it. */
  readonly dequeueCount?: number;
  /** The delivery after which the queue gives the message up (host.json `maxDequeueCount`). */
  readonly maxDequeueCount?: number;
}

/** The message as the poison store keeps it: text as received, else its JSON. */
export function messageText(message: unknown): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}

/**
 * A queue delivery: a malformed message will never parse, so it is kept at once (with the
 * reason) in the poison store and acknowledged; anything else that throws (ARM unreachable,
 * a failed store write) propagates so the queue redelivers, up to maxDequeueCount. On that last
 * delivery the message is kept with its error and acknowledged instead, so the operator sees why
 * (`aml-guard poison list`) rather than a bare message in `<queue>-poison`.
 */
export async function handleQueueMessage(ctx: GuardContext, message: unknown, meta: QueueMessageMeta): Promise<RunResult> {
  try {
    return await handleEventMessage(ctx, message);
  } catch (error) {
    const lastDelivery = meta.dequeueCount !== undefined && meta.maxDequeueCount !== undefined && meta.dequeueCount >= meta.maxDequeueCount;
    if (!(error instanceof EventParseError) && !lastDelivery) throw error;
    const text = error instanceof Error ? error.message : String(error);
    const reason = error instanceof EventParseError ? `malformed message: ${text}` : `failed ${meta.dequeueCount} deliveries; last error: ${text}`;
    await keepPoison(ctx, message, meta, reason);
    ctx.log.error(`message kept as poison: ${reason}`);
    const result = emptyRunResult();
    result.errors.push({ error: reason });
    return result;
  }
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
