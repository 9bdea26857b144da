/**
 * `poisonMessages`: queue messages that will never be processed (malformed, or out of retries),
 * kept with the reason for an operator to inspect or replay. PartitionKey = yyyy-mm of `at`,
 * RowKey = inverted time + '-' + random id (newest first).
 */
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { invertedTime, monthKey, monthsBetween } from './keys';
import { MAX_JSON_CHARS, TRUNCATED_MARK, decodeRow, textProperty } from './rows';
import { poisonMessageSchema, type PoisonMessage } from './schemas';
import type { StoreTable } from './table';

export type { PoisonMessage } from './schemas';

export interface PoisonTable {
  keep(message: PoisonMessage): Promise<void>;
  /** Newest first, over the last `months` months (default 3). */
  list(options?: { readonly limit?: number; readonly months?: number; readonly now?: Date }): Promise<PoisonMessage[]>;
}

export function poisonTable(table: StoreTable): PoisonTable {
  return {
    async keep(m) {
      const ms = Date.parse(m.at);
      if (Number.isNaN(ms)) throw new RangeError(`poison message \`at\` is not an ISO time: ${JSON.stringify(m.at)}`);
      const body = m.body.length <= MAX_JSON_CHARS ? m.body : m.body.slice(0, MAX_JSON_CHARS - TRUNCATED_MARK.length) + TRUNCATED_MARK;
      await table.upsert({
        partitionKey: monthKey(ms),
        rowKey: `${invertedTime(ms)}-${randomUUID().replace(/-/g, '')}`,
        source: m.source,
        messageId: m.messageId,
        body,
        reason: textProperty(m.reason),
        at: m.at,
      });
    },
    async list(options = {}) {
      const now = (options.now ?? new Date()).getTime();
      const since = new Date(now);
      since.setUTCMonth(since.getUTCMonth() - (options.months ?? 3));
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const out: PoisonMessage[] = [];
      for (const month of monthsBetween(since.getTime(), now)) {
        for await (const e of table.query(odata`PartitionKey eq ${month}`)) {
          out.push(decodeRow(table.name, e, poisonMessageSchema));
          if (out.length >= limit) return out;
        }
      }
      return out;
    },
  };
}
