import { routeEvent, parseEventMessage, dedupeEvents } from '../events';
import type { GuardContext } from './context';
import { evaluateResource } from './evaluate-resource';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { WriteBudget } from './write-budget';
import { watchedTypes } from '../rules/catalog';

/**
 * The onResourceChange handler: one queue message (one event or an array) in, findings and
 * remediations out. Throws EventParseError for malformed input (the host retries, then the
 * message lands in the poison queue with the error), and any store failure propagates.
 */
export async function handleEventMessage(ctx: GuardContext, message: unknown, budget = new WriteBudget(ctx.config.maxWritesPerRun)): Promise<RunResult> {
  const events = dedupeEvents(parseEventMessage(message));
  const result = emptyRunResult();
  const watched = watchedTypes(ctx.rules);
  for (const event of events) {
    const disposition = routeEvent(event, watched);
    if (disposition.kind === 'ignore') {
      result.ignored.push({ eventId: disposition.event?.id, reason: disposition.reason });
      continue;
    }
    if (await ctx.store.events.seen(disposition.event.id)) {
      result.ignored.push({ eventId: disposition.event.id, reason: 'duplicate delivery: event already processed' });
      continue;
    }
    const evaluated = await evaluateResource(ctx, disposition.targetId, {
      budget,
      correlationId: disposition.event.correlationId ?? disposition.event.id,
    });
    mergeInto(result, evaluated);
    await ctx.store.events.markProcessed(disposition.event.id, { resourceId: disposition.targetId, at: ctx.clock().toISOString() });
  }
  return result;
}
