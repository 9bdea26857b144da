/**
 * `notificationOutbox`: notifications the topic did not accept, kept until a later drain delivers
 * them (at least once: a consumer dedupes on the CloudEvent `id`). PartitionKey = 'outbox',
 * RowKey = the notification id; `attempts` counts failed deliveries.
 */
import { z } from 'zod';
import { notificationSchema, type Notification } from '../model';
import { decodeRow, jsonProperty } from './rows';
import type { StoreTable } from './table';

const PARTITION = 'outbox';

export interface PendingNotification {
  readonly notification: Notification;
  readonly attempts: number;
  readonly lastError: string;
}

const rowSchema = z.object({ notification: notificationSchema, attempts: z.number().int().min(0), lastError: z.string() });

export interface OutboxTable {
  /** Keeps (or re-keeps, with its attempt count) notifications that could not be delivered. */
  keep(pending: readonly PendingNotification[]): Promise<void>;
  /** Oldest first (ids are time-ordered), at most `limit`. */
  list(limit?: number): Promise<PendingNotification[]>;
  /** Forgets delivered notifications. */
  remove(ids: readonly string[]): Promise<void>;
}

export function outboxTable(table: StoreTable): OutboxTable {
  return {
    async keep(pending) {
      await table.submit(
        'upsert',
        pending.map((p) => ({
          partitionKey: PARTITION,
          rowKey: p.notification.id,
          notification: jsonProperty(p.notification),
          attempts: p.attempts,
          lastError: p.lastError.slice(0, 2000),
        })),
      );
    },
    async list(limit = 500) {
      const out: PendingNotification[] = [];
      for await (const e of table.query(undefined)) {
        out.push(decodeRow(table.name, e, rowSchema, ['notification']));
        if (out.length >= limit) break;
      }
      return out;
    },
    async remove(ids) {
      for (const id of ids) await table.delete(PARTITION, id);
    },
  };
}
