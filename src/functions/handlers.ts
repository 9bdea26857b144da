/**
 * What each trigger does: adapt the host's input, delegate to the engine, log a one-line summary.
 * Registrations (which trigger, which queue, which schedule) are in registrations.ts, which loads
 * this module on the first invocation: the worker's load (cold start) registers without it.
 */
import type { EventGridEvent, InvocationContext, Timer } from '@azure/functions';
import { z } from 'zod';
import { handleQueueMessage, keepHostPoisonedMessage, planSweep, sweepWorkMessage, type RunResult, type SweepItem } from '../engine';
import { reconcileExceptions } from '../engine/expiry';
import { idleShutdown } from '../engine/idle-shutdown';
import { hostContext } from './host-context';
import { requeueEvent } from './requeue';
import { poisonQueueOf, startupSettings } from './startup';

/** host.json `extensions.queues.maxDequeueCount` (a test keeps the two equal). */
export const MAX_DEQUEUE_COUNT = 5;

/** The storage queue trigger's metadata that AML Guard reads (the host passes more). */
const queueMetadataSchema = z.looseObject({
  id: z.string().optional(),
  dequeueCount: z.number().int().min(1).optional(),
});

function queueMeta(invocation: InvocationContext, source: string) {
  const m = queueMetadataSchema.safeParse(invocation.triggerMetadata ?? {});
  const meta = m.success ? m.data : {};
  return {
    source,
    ...(meta.id ? { messageId: meta.id } : {}),
    ...(meta.dequeueCount !== undefined ? { dequeueCount: meta.dequeueCount } : {}),
    maxDequeueCount: MAX_DEQUEUE_COUNT,
  };
}

export function summarize(result: RunResult): string {
  const outcomes = result.actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.outcome]: (acc[a.outcome] ?? 0) + 1 }), {});
  return `findings=${result.findings.length} actions=${JSON.stringify(outcomes)} ignored=${result.ignored.length} deferred=${result.deferred.length} errors=${result.errors.length}`;
}

export async function onResourceChange(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await handleQueueMessage(ctx, message, { ...queueMeta(invocation, startupSettings().eventsQueue), defer: requeueEvent })));
}

/** `<events queue>-poison`: what the host gave up on without our handler keeping it. */
export async function onPoisonMessage(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const queue = startupSettings().eventsQueue;
  await keepHostPoisonedMessage(ctx, message, { ...queueMeta(invocation, poisonQueueOf(queue)), queue });
}

/** An Event Grid push: a busy resource fails the delivery (no `defer`), and Event Grid retries it with back-off. */
export async function onResourceChangeEventGrid(event: EventGridEvent, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await handleQueueMessage(ctx, event, { source: 'onResourceChangeEventGrid' })));
}

/** Plans the sweep; returns its work items, which the registration puts on the sweep queue (one message each) for sweepWorker. */
export async function sweepTimer(_timer: Timer, invocation: InvocationContext): Promise<readonly SweepItem[]> {
  const ctx = await hostContext(invocation);
  const plan = await planSweep(ctx, { subscriptions: ctx.config.subscriptions, runId: `sweep-${invocation.invocationId}` });
  invocation.log(`sweep ${plan.runId}: ${plan.items.length} work item(s) enqueued`);
  return plan.items;
}

/** Evaluates one sweep work item; a malformed message is kept in poisonMessages, never retried. */
export async function sweepWorker(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await sweepWorkMessage(ctx, message)));
}

export async function nightlyIdleShutdown(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await idleShutdown(ctx, { subscriptions: ctx.config.subscriptions, runId: `idle-${invocation.invocationId}` })));
}

export { httpApi } from './http-api';

export async function exceptionExpiryTimer(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const r = await reconcileExceptions(ctx, { runId: `expiry-${invocation.invocationId}` });
  invocation.log(`exceptions ended=${r.ended.length} staleRequestsExpired=${r.expiredRequests.length} reevaluated=${r.reevaluated.length} ${summarize(r)}`);
}
