/**
 * Every function the app registers with the Functions host, from the settings read at start-up.
 * With invalid settings nothing that consumes messages or runs on a schedule is registered, so
 * queued events wait (instead of failing into the poison queue) until the settings are fixed,
 * which restarts the app; the HTTP routes answer 503 naming the problem.
 */
import type { app as functionsApp, HttpHandler } from '@azure/functions';
import * as handlers from './handlers';
import { httpApi, misconfigured } from './http-api';
import type { Startup } from './startup';

/** The part of `@azure/functions`' `app` used here (a test records the registrations through it). */
export type FunctionsApp = Pick<typeof functionsApp, 'storageQueue' | 'eventGrid' | 'timer' | 'http'>;

/** The identity-based storage connection (AzureWebJobsStorage__*) of the host: queue triggers listen there. */
export const QUEUE_CONNECTION = 'AzureWebJobsStorage';

/**
 * The HTTP API. authLevel 'anonymous' on purpose: a function key would be a shared secret; every
 * call is authenticated in code instead (Entra ID bearer JWT verified against AMLGUARD_AUTH_* and
 * app roles, src/auth). Without those settings every call gets 503.
 */
export const HTTP_ROUTES = [
  { name: 'kpis', methods: ['GET'], route: 'kpis' },
  { name: 'exceptions', methods: ['GET', 'POST'], route: 'exceptions' },
  { name: 'exceptionById', methods: ['GET'], route: 'exceptions/{id}' },
  { name: 'exceptionAction', methods: ['POST'], route: 'exceptions/{id}/{action}' },
  { name: 'findings', methods: ['GET'], route: 'findings' },
] as const;

export function registerFunctions(app: FunctionsApp, startup: Startup): void {
  for (const r of HTTP_ROUTES) {
    const handler: HttpHandler = startup.ok ? httpApi(r.route) : misconfigured(startup.problem);
    app.http(r.name, { methods: [...r.methods], authLevel: 'anonymous', route: r.route, handler });
  }
  if (!startup.ok) return;
  const { eventsQueue, schedules } = startup.settings;
  app.storageQueue('onResourceChange', { queueName: eventsQueue, connection: QUEUE_CONNECTION, handler: handlers.onResourceChange });
  app.storageQueue('onPoisonMessage', { queueName: handlers.poisonQueueOf(eventsQueue), connection: QUEUE_CONNECTION, handler: handlers.onPoisonMessage });
  app.eventGrid('onResourceChangeEventGrid', { handler: handlers.onResourceChangeEventGrid });
  app.timer('sweep', { schedule: schedules.sweep, runOnStartup: false, handler: handlers.sweepTimer });
  app.timer('nightlyIdleShutdown', { schedule: schedules.idleShutdown, runOnStartup: false, handler: handlers.nightlyIdleShutdown });
  app.timer('exceptionExpiry', { schedule: schedules.exceptionExpiry, runOnStartup: false, handler: handlers.exceptionExpiryTimer });
}
