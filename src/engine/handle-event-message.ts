import { dedupeEvents, parseEventMessage, routeEvent } from '../events';
import { resourceTypeOf } from '../model';
import { watchedTypes } from '../rules/catalog';
import { RELAY_TYPES, relayedTargets } from './relays';
import type { GuardContext } from './context';
import { evaluateResource } from './evaluate-resource';
import { EventInProgressError } from './event-in-progress-error';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { WriteBudget } from './write-budget';

/** How long a claim on an event id holds before another worker may take it over (a crashed invocation). */
export const EVENT_CLAIM_LEASE_MS = 10 * 60_000;

/**
 * The onResourceChange handler: one queue message (one event or an array) in, findings and
 * remediations out. Throws EventParseError for malformed input; any store failure propagates
 * (the invocation fails and the queue redelivers).
 */
export async function handleEventMessage(ctx: GuardContext, message: unknown, budget = new WriteBudget(ctx.config.maxWritesPerRun)): Promise<RunResult> {
  const events = dedupeEvents(parseEventMessage(message));
  const result = emptyRunResult();
  const ruleTypes = watchedTypes(ctx.rules);
  const watched = new Set([...ruleTypes, ...RELAY_TYPES]);
  for (const event of events) {
    const disposition = routeEvent(event, watched);
    if (disposition.kind === 'ignore') {
      result.ignored.push({ eventId: disposition.event?.id ?? ('id' in event ? event.id : undefined), reason: disposition.reason });
      continue;
    }
    const { event: change, targetId } = disposition;
    const claim = await ctx.store.events.claim(change.id, { resourceId: targetId, now: ctx.clock(), leaseMs: EVENT_CLAIM_LEASE_MS });
    if (claim === 'processed') {
      result.ignored.push({ eventId: change.id, reason: 'duplicate delivery: event already processed' });
      continue;
    }
    if (claim === 'in-progress') throw new EventInProgressError(change.id);
    try {
      const trigger = { budget, correlationId: change.correlationId ?? change.id };
      if (ruleTypes.has(resourceTypeOf(targetId))) mergeInto(result, await evaluateResource(ctx, targetId, trigger));
      for (const relayed of await relayedTargets(ctx, targetId, ruleTypes)) mergeInto(result, await evaluateResource(ctx, relayed, trigger));
    } catch (error) {
      await ctx.store.events.release(change.id);
      throw error;
    }
    await ctx.store.events.markProcessed(change.id, { resourceId: targetId, at: ctx.clock().toISOString() });
  }
  return result;
}
