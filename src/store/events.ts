/**
 * `processedEvents`: one row per handled event delivery, for de-duplication (Event Grid and
 * the queue deliver at least once). PartitionKey = encoded event id, RowKey = ''.
 */
import { processedEventSchema } from './schemas';
import { encodeKey } from './keys';
import { decodeRow } from './rows';
import type { StoreTable } from './table';

export interface ProcessedEventsTable {
  seen(eventId: string): Promise<boolean>;
  /** Idempotent (upsert). */
  markProcessed(eventId: string, meta: { readonly resourceId: string; readonly at: string }): Promise<void>;
}

export function processedEventsTable(table: StoreTable): ProcessedEventsTable {
  return {
    async seen(eventId) {
      const e = await table.get(encodeKey(eventId), '');
      if (e) decodeRow(table.name, e, processedEventSchema);
      return e !== undefined;
    },
    async markProcessed(eventId, meta) {
      await table.upsert({ partitionKey: encodeKey(eventId), rowKey: '', eventId, resourceId: meta.resourceId, at: meta.at });
    },
  };
}
