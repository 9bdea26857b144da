/** `state`: small key/value pairs (e.g. the time of the last expiry check). PartitionKey = 'state', RowKey = encoded key. */
import type { JsonValue } from '../model';
import { encodeKey } from './keys';
import { decodeRow, jsonProperty } from './rows';
import { stateRowSchema } from './schemas';
import type { StoreTable } from './table';

export interface StateTable {
  get(key: string): Promise<JsonValue | undefined>;
  /** Value as JSON, at most MAX_JSON_CHARS (larger values are stored truncated). */
  set(key: string, value: JsonValue): Promise<void>;
}

const PARTITION = 'state';

export function stateTable(table: StoreTable): StateTable {
  return {
    async get(key) {
      const e = await table.get(PARTITION, encodeKey(key));
      return e && decodeRow(table.name, e, stateRowSchema, ['value']).value;
    },
    async set(key, value) {
      await table.upsert({ partitionKey: PARTITION, rowKey: encodeKey(key), key, value: jsonProperty(value) });
    },
  };
}
