import { dedupeEvents, parseEventMessage, routeEvent } from '../events';
import { subjectTypeOf } from '../model';
import type { InventoryItem } from '../store';
import { watchedTypes } from '../rules/catalog';
import { RELAY_TYPES, relayedTargets } from './relays';
import type { GuardContext } from './context';
import { evaluateLeased, evaluateResource } from './evaluate-resource';
import { emptyRunResult, mergeInto, type RunResult } from './run-result';
import { WriteBudget } from './write-budget';

/**
 * The onResourceChange handler: one queue message (one event or an array) in, findings and
 * remediations out. Each event's resource is leased (across instances) before it is read: an
 * event whose resource another invocation holds is not evaluated but listed in `deferred` (the
 * caller hands it back to the queue for later); a duplicate of a processed event is acknowledged.
 * Throws EventParseError for malformed input; any store failure propagates (the invocation fails
 * and the queue redelivers; the lease and the event claim are given up first). A redelivery
 * (`delivery.retry`, or an event whose claim an unfinished delivery left behind) also records what
 * that delivery wrote but could not record (lost-outcomes.ts).
 */
export async function handleEventMessage(ctx: GuardContext, message: unknown, budget = new WriteBudget(ctx.config.maxWritesPerRun), delivery: { readonly retry?: boolean } = {}): Promise<RunResult> {
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
    // A plan-only run writes nothing for the event: it is not claimed, so a later run that remediates still handles it.
    const taken = await ctx.store.leases.acquire(targetId, { now: ctx.clock(), ttlMs: ctx.config.leaseSeconds * 1000, ...(ctx.planOnly ? {} : { eventId: change.id }) });
    if (taken.kind === 'processed') {
      result.ignored.push({ eventId: change.id, reason: 'duplicate delivery: event already processed' });
      continue;
    }
    if (taken.kind === 'taken') {
      result.deferred.push({ eventId: change.id, resourceId: targetId, until: taken.expiresAt });
      continue;
    }
    const lease = taken.lease;
    try {
      const retry = delivery.retry === true || taken.resumed === true;
      const trigger = { budget, correlationId: change.correlationId ?? change.id, holding: targetId, cause: change.resourceId, ...(retry ? { retry } : {}) };
      let inventory: InventoryItem | undefined;
      if (ruleTypes.has(subjectTypeOf(targetId))) {
        const evaluated = await evaluateLeased(ctx, lease, trigger);
        mergeInto(result, evaluated.result);
        inventory = evaluated.inventory;
      }
      // Relayed resources are evaluated without their lease: a write to one leases and re-reads it first
      // (a write to the event's own resource, e.g. a NIC, re-reads it under the lease held here).
      for (const relayed of await relayedTargets(ctx, targetId, ruleTypes)) mergeInto(result, await evaluateResource(ctx, relayed, trigger));
      await ctx.store.leases.commit(lease, inventory, ctx.clock());
    } catch (error) {
      await ctx.store.leases.abandon(lease);
      throw error;
    }
  }
  return result;
}
