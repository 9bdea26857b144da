import { app, type EventGridEvent, type InvocationContext, type Timer } from '@azure/functions';
import { handleEventMessage, handleQueueMessage, sweep, type RunResult } from '../engine';
import { hostContext } from './host-context';

/** Registrations only: every function delegates to the engine. */

function summarize(result: RunResult): string {
  const outcomes = result.actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.outcome]: (acc[a.outcome] ?? 0) + 1 }), {});
  return `findings=${result.findings.length} actions=${JSON.stringify(outcomes)} ignored=${result.ignored.length} errors=${result.errors.length}`;
}

export async function onResourceChange(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const meta = invocation.triggerMetadata;
  const messageId = typeof meta?.id === 'string' ? meta.id : undefined;
  invocation.log(summarize(await handleQueueMessage(ctx, message, { source: 'onResourceChange', ...(messageId ? { messageId } : {}) })));
}

export async function onResourceChangeEventGrid(event: EventGridEvent, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await handleEventMessage(ctx, event)));
}

export async function sweepTimer(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await sweep(ctx, { subscriptions: ctx.config.subscriptions, runId: `sweep-${invocation.invocationId}` })));
}

app.storageQueue('onResourceChange', {
  queueName: '%AMLGUARD_EVENTS_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: onResourceChange,
});

app.eventGrid('onResourceChangeEventGrid', { handler: onResourceChangeEventGrid });

app.timer('sweep', {
  schedule: '%AMLGUARD_SWEEP_SCHEDULE%',
  runOnStartup: false,
  handler: sweepTimer,
});
