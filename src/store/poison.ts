/**
 * `poisonMessages`: queue messages that will never be processed (malformed, or out of retries),
 * kept with the reason for an operator to inspect or replay. PartitionKey = yyyy-mm of `at`,
 * RowKey = inverted time + '-' + random id (newest first).
 */
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { invertedTime, monthKey, monthsBetween, timeOfInverted } from './keys';
import { MAX_JSON_CHARS, TRUNCATED_MARK, decodeRow, textProperty } from './rows';
import { poisonMessageSchema, type PoisonMessage } from './schemas';
import type { StoreTable } from './table';

export type { PoisonMessage } from './schemas';

/** A kept message with the id `aml-guard poison replay` takes. */
export type KeptPoisonMessage = PoisonMessage & { readonly id: string };

export interface PoisonTable {
  /** Keeps the message; returns its id. */
  keep(message: PoisonMessage): Promise<string>;
  /** Newest first, over the last `months` months (default 3). */
  list(options?: { readonly limit?: number; readonly months?: number; readonly now?: Date }): Promise<KeptPoisonMessage[]>;
  get(id: string): Promise<KeptPoisonMessage | undefined>;
  markReplayed(id: string, at: string): Promise<void>;
}

/** The id is the RowKey; its inverted time names the partition (the month). */
function partitionOf(id: string): string | undefined {
  const ms = timeOfInverted(id);
  return ms === undefined || !/^\d{16}-[0-9a-f]{32}$/.test(id) ? undefined : monthKey(ms);
}

export function poisonTable(table: StoreTable): PoisonTable {
  return {
    async keep(m) {
      const ms = Date.parse(m.at);
      if (Number.isNaN(ms)) throw new RangeError(`poison message \`at\` is not an ISO time: ${JSON.stringify(m.at)}`);
      const body = m.body.length <= MAX_JSON_CHARS ? m.body : m.body.slice(0, MAX_JSON_CHARS - TRUNCATED_MARK.length) + TRUNCATED_MARK;
      const rowKey = `${invertedTime(ms)}-${randomUUID().replace(/-/g, '')}`;
      await table.upsert({
        partitionKey: monthKey(ms),
        rowKey,
        source: m.source,
        messageId: m.messageId,
        body,
        reason: textProperty(m.reason),
        at: m.at,
        dequeueCount: m.dequeueCount,
      });
      return rowKey;
    },
    async list(options = {}) {
      const now = (options.now ?? new Date()).getTime();
      const since = new Date(now);
      since.setUTCMonth(since.getUTCMonth() - (options.months ?? 3));
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const out: KeptPoisonMessage[] = [];
      for (const month of monthsBetween(since.getTime(), now)) {
        for await (const e of table.query(odata`PartitionKey eq ${month}`)) {
          out.push({ ...decodeRow(table.name, e, poisonMessageSchema), id: e.rowKey ?? '' });
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
    async get(id) {
      const partition = partitionOf(id);
      const e = partition === undefined ? undefined : await table.get(partition, id);
      return e ? { ...decodeRow(table.name, e, poisonMessageSchema), id } : undefined;
    },
    async markReplayed(id, at) {
      const partition = partitionOf(id);
      if (partition === undefined) throw new RangeError(`not a poison message id: ${JSON.stringify(id)}`);
      await table.merge({ partitionKey: partition, rowKey: id, replayedAt: at });
    },
  };
}
