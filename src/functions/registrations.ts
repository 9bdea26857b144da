/**
 * Every function the app registers with the Functions host, from the settings read at start-up.
 * With invalid settings nothing that consumes messages or runs on a schedule is registered, so
 * queued events wait (instead of failing into the poison queue) until the settings are fixed,
 * which restarts the app; the HTTP routes answer 503 naming the problem.
 *
 * The handlers (engine, store, SDKs) are loaded on the first invocation, not here: the worker
 * loads this module to index the functions, and a bundle keeps them in a file of their own.
 */
import { output, type app as functionsApp, type HttpHandler } from '@azure/functions';
import { SWEEP_QUEUE } from '../engine/sweep-queue';
import type * as Handlers from './handlers';
import { poisonQueueOf, type Startup } from './startup';

/** The part of `@azure/functions`' `app` used here. */
export type FunctionsApp = Pick<typeof functionsApp, 'storageQueue' | 'eventGrid' | 'timer' | 'http'>;

/** The identity-based storage connection (AzureWebJobsStorage__*) of the host: queue triggers listen there. */
export const QUEUE_CONNECTION = 'AzureWebJobsStorage';

/**
 * The HTTP API and the approval console. authLevel 'anonymous' on purpose: a function key would be
 * a shared secret; every API call is authenticated in code instead (Entra ID bearer JWT verified
 * against AMLGUARD_AUTH_* and app roles, src/auth; without those settings every call gets 503).
 * host.json sets routePrefix "" so the console lives at `/` (a template that matches only the
 * empty path) and /console/; the API keeps its /api/... paths. Under another routePrefix the
 * handlers find the prefix from the URL (http-api.ts).
 */
export const HTTP_ROUTES = [
  { name: 'kpis', methods: ['GET'], route: 'api/kpis' },
  { name: 'exceptions', methods: ['GET', 'POST'], route: 'api/exceptions' },
  { name: 'exceptionById', methods: ['GET'], route: 'api/exceptions/{id}' },
  { name: 'exceptionAction', methods: ['POST'], route: 'api/exceptions/{id}/{action}' },
  { name: 'findings', methods: ['GET'], route: 'api/findings' },
  { name: 'rules', methods: ['GET'], route: 'api/rules' },
  { name: 'me', methods: ['GET'], route: 'api/me' },
  { name: 'console', methods: ['GET', 'HEAD'], route: '{empty:maxlength(0)?}' },
  { name: 'consoleAssets', methods: ['GET', 'HEAD'], route: 'console/{file}' },
] as const;

function handlers(): typeof Handlers {
  return require('./handlers');
}

/** What every route answers while the app settings are invalid: 503 naming the problem (the settings hold no secret). */
function misconfigured(problem: string): HttpHandler {
  return async () => ({ status: 503, jsonBody: { error: { code: 'ConfigurationError', message: problem } } });
}

export function registerFunctions(app: FunctionsApp, startup: Startup): void {
  for (const r of HTTP_ROUTES) {
    const handler: HttpHandler = startup.ok ? (request, invocation) => handlers().httpApi(r.route)(request, invocation) : misconfigured(startup.problem);
    app.http(r.name, { methods: [...r.methods], authLevel: 'anonymous', route: r.route, handler });
  }
  if (!startup.ok) return;
  const { eventsQueue, schedules } = startup.settings;
  const connection = QUEUE_CONNECTION;
  app.storageQueue('onResourceChange', { queueName: eventsQueue, connection, handler: (m, i) => handlers().onResourceChange(m, i) });
  app.storageQueue('onPoisonMessage', { queueName: poisonQueueOf(eventsQueue), connection, handler: (m, i) => handlers().onPoisonMessage(m, i) });
  app.eventGrid('onResourceChangeEventGrid', { handler: (e, i) => handlers().onResourceChangeEventGrid(e, i) });
  // The sweep fans out: the timer plans, each work item is a message on the sweep queue.
  const sweepWork = output.storageQueue({ queueName: SWEEP_QUEUE, connection });
  app.timer('sweep', {
    schedule: schedules.sweep,
    runOnStartup: false,
    extraOutputs: [sweepWork],
    handler: async (t, i) => i.extraOutputs.set(sweepWork, await handlers().sweepTimer(t, i)),
  });
  app.storageQueue('sweepWorker', { queueName: SWEEP_QUEUE, connection, handler: (m, i) => handlers().sweepWorker(m, i) });
  app.timer('nightlyIdleShutdown', { schedule: schedules.idleShutdown, runOnStartup: false, handler: (t, i) => handlers().nightlyIdleShutdown(t, i) });
  app.timer('exceptionExpiry', { schedule: schedules.exceptionExpiry, runOnStartup: false, handler: (t, i) => handlers().exceptionExpiryTimer(t, i) });
}
