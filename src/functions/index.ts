import { app, output, type EventGridEvent, type InvocationContext, type Timer } from '@azure/functions';
import { handleQueueMessage, planSweep, SWEEP_QUEUE, sweepWorkMessage, type RunResult } from '../engine';
import { requeueEvent } from './requeue';
import { hostContext } from './host-context';
import { httpApi } from './http-api';
import { reconcileExceptions } from '../engine/expiry';
import { idleShutdown } from '../engine/idle-shutdown';

/** Registrations only: every function delegates to the engine. */

function summarize(result: RunResult): string {
  const outcomes = result.actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.outcome]: (acc[a.outcome] ?? 0) + 1 }), {});
  return `findings=${result.findings.length} actions=${JSON.stringify(outcomes)} ignored=${result.ignored.length} deferred=${result.deferred.length} errors=${result.errors.length}`;
}

export async function onResourceChange(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const meta = invocation.triggerMetadata;
  const messageId = typeof meta?.id === 'string' ? meta.id : undefined;
  invocation.log(summarize(await handleQueueMessage(ctx, message, { source: 'onResourceChange', ...(messageId ? { messageId } : {}), defer: requeueEvent })));
}

/** An Event Grid push: a busy resource fails the delivery (no `defer`), and Event Grid retries it with back-off. */
export async function onResourceChangeEventGrid(event: EventGridEvent, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await handleQueueMessage(ctx, event, { source: 'onResourceChangeEventGrid' })));
}

const sweepWork = output.storageQueue({ queueName: SWEEP_QUEUE, connection: 'AzureWebJobsStorage' });

/** Plans the sweep and enqueues its work items (one message each) for sweepWorker. */
export async function sweepTimer(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const plan = await planSweep(ctx, { subscriptions: ctx.config.subscriptions, runId: `sweep-${invocation.invocationId}` });
  invocation.extraOutputs.set(sweepWork, plan.items);
  invocation.log(`sweep ${plan.runId}: ${plan.items.length} work item(s) enqueued`);
}

/** Evaluates one sweep work item; a malformed message is kept in poisonMessages, never retried. */
export async function sweepWorker(message: unknown, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await sweepWorkMessage(ctx, message)));
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
  extraOutputs: [sweepWork],
  handler: sweepTimer,
});

app.storageQueue('sweepWorker', {
  queueName: SWEEP_QUEUE,
  connection: 'AzureWebJobsStorage',
  handler: sweepWorker,
});

export async function nightlyIdleShutdown(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  invocation.log(summarize(await idleShutdown(ctx, { subscriptions: ctx.config.subscriptions, runId: `idle-${invocation.invocationId}` })));
}

app.timer('nightlyIdleShutdown', {
  schedule: '%AMLGUARD_IDLE_SCHEDULE%',
  runOnStartup: false,
  handler: nightlyIdleShutdown,
});

app.http('kpis', { methods: ['GET'], authLevel: 'anonymous', route: 'api/kpis', handler: httpApi });

export async function exceptionExpiryTimer(_timer: Timer, invocation: InvocationContext): Promise<void> {
  const ctx = await hostContext(invocation);
  const r = await reconcileExceptions(ctx, { runId: `expiry-${invocation.invocationId}` });
  invocation.log(`exceptions ended=${r.ended.length} staleRequestsExpired=${r.expiredRequests.length} reevaluated=${r.reevaluated.length} ${summarize(r)}`);
}

app.timer('exceptionExpiry', {
  schedule: '%AMLGUARD_EXPIRY_SCHEDULE%',
  runOnStartup: false,
  handler: exceptionExpiryTimer,
});

// The exceptions / findings API. authLevel 'anonymous' on purpose: a function key would be a
// shared secret; every call is authenticated in code instead (Entra ID bearer JWT verified
// against AMLGUARD_AUTH_* and app roles, src/auth). Without those settings every call gets 503.
// host.json sets routePrefix "" so the console can live at `/`; the API keeps its `/api/...` paths.
app.http('exceptions', { methods: ['GET', 'POST'], authLevel: 'anonymous', route: 'api/exceptions', handler: httpApi });
app.http('exceptionById', { methods: ['GET'], authLevel: 'anonymous', route: 'api/exceptions/{id}', handler: httpApi });
app.http('exceptionAction', { methods: ['POST'], authLevel: 'anonymous', route: 'api/exceptions/{id}/{action}', handler: httpApi });
app.http('findings', { methods: ['GET'], authLevel: 'anonymous', route: 'api/findings', handler: httpApi });
app.http('rules', { methods: ['GET'], authLevel: 'anonymous', route: 'api/rules', handler: httpApi });
app.http('me', { methods: ['GET'], authLevel: 'anonymous', route: 'api/me', handler: httpApi });

// The approval console: the page at `/` (a route template that matches only the empty path) and its
// assets and sign-in configuration under /console/. Public files; every action goes through the API.
app.http('console', { methods: ['GET', 'HEAD'], authLevel: 'anonymous', route: '{empty:maxlength(0)?}', handler: httpApi });
app.http('consoleAssets', { methods: ['GET', 'HEAD'], authLevel: 'anonymous', route: 'console/{file}', handler: httpApi });
