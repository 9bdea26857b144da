/**
 * `processedEvents`: one row per event delivery, for de-duplication (Event Grid and the queue
 * deliver at least once, sometimes concurrently). PartitionKey = encoded event id, RowKey = ''.
 * An invocation claims the id before evaluating (an insert: only one wins), marks it processed
 * when done, and releases it on failure so the redelivery can claim it again. A claim older than
 * its lease (a crashed worker) can be taken over.
 */
import { ConcurrencyError, StoreWriteError } from './errors';
import { encodeKey } from './keys';
import { decodeRow } from './rows';
import { processedEventSchema } from './schemas';
import type { StoreTable } from './table';

export type ClaimResult = 'claimed' | 'processed' | 'in-progress';

export interface ProcessedEventsTable {
  seen(eventId: string): Promise<boolean>;
  claim(eventId: string, meta: { readonly resourceId: string; readonly now: Date; readonly leaseMs: number }): Promise<ClaimResult>;
  /** Gives up a claim after a failure, so a redelivery is processed. */
  release(eventId: string): Promise<void>;
  /** Idempotent (upsert). */
  markProcessed(eventId: string, meta: { readonly resourceId: string; readonly at: string }): Promise<void>;
}

export function processedEventsTable(table: StoreTable): ProcessedEventsTable {
  const read = async (eventId: string) => {
    const e = await table.get(encodeKey(eventId), '');
    return e ? { row: decodeRow(table.name, e, processedEventSchema), etag: e.etag } : undefined;
  };
  return {
    async seen(eventId) {
      return (await read(eventId)) !== undefined;
    },
    async claim(eventId, meta) {
      const entity = { partitionKey: encodeKey(eventId), rowKey: '', eventId, resourceId: meta.resourceId, at: meta.now.toISOString(), status: 'processing', claimedAt: meta.now.toISOString() };
      try {
        await table.create(entity);
        return 'claimed';
      } catch (error) {
        if (!(error instanceof StoreWriteError) || error.statusCode !== 409) throw error;
      }
      const existing = await read(eventId);
      if (!existing) return this.claim(eventId, meta);
      if (existing.row.status !== 'processing') return 'processed';
      const claimedAt = Date.parse(existing.row.claimedAt ?? existing.row.at);
      if (meta.now.getTime() - claimedAt < meta.leaseMs) return 'in-progress';
      try {
        await table.replace(entity, existing.etag);
        return 'claimed';
      } catch (error) {
        if (error instanceof ConcurrencyError) return 'in-progress';
        throw error;
      }
    },
    async release(eventId) {
      await table.delete(encodeKey(eventId), '');
    },
    async markProcessed(eventId, meta) {
      await table.upsert({ partitionKey: encodeKey(eventId), rowKey: '', eventId, resourceId: meta.resourceId, at: meta.at, status: 'processed' });
    },
  };
}
