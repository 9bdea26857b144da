/**
 * One table: the few operations the store needs, with errors that name the table and keys.
 * Reads of a missing entity give undefined; every failed write throws.
 */
import type { TableClient, TableEntity, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { ConcurrencyError, StoreWriteError, codeOf, messageOf, statusOf } from './errors';

/** What the store writes: flat scalar properties (undefined ones are left out). */
export type EntityProps = Record<string, string | number | boolean | undefined>;
export type Entity = TableEntity<EntityProps>;
export type ReadEntity = TableEntityResult<Record<string, unknown>>;

/** Table Storage allows at most 100 operations and 4 MiB in one entity group transaction. */
export const MAX_BATCH_OPERATIONS = 100;
const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;
const OPERATION_OVERHEAD_BYTES = 1024;

function withoutUndefined(entity: Entity): Entity {
  const out: Entity = { partitionKey: entity.partitionKey, rowKey: entity.rowKey };
  for (const [k, v] of Object.entries(entity)) if (v !== undefined) out[k] = v;
  return out;
}

/** Groups entities by partition, then cuts each group into transactions of <= 100 operations and < 4 MiB. Later duplicates of a key win. */
export function planBatches(entities: readonly Entity[]): Entity[][] {
  const byPartition = new Map<string, Map<string, Entity>>();
  for (const e of entities) {
    let rows = byPartition.get(e.partitionKey);
    if (!rows) byPartition.set(e.partitionKey, (rows = new Map()));
    rows.delete(e.rowKey); // a transaction may touch a row only once; keep the last write, in order
    rows.set(e.rowKey, e);
  }
  const batches: Entity[][] = [];
  for (const rows of byPartition.values()) {
    let batch: Entity[] = [];
    let bytes = 0;
    for (const e of rows.values()) {
      const size = Buffer.byteLength(JSON.stringify(e)) + OPERATION_OVERHEAD_BYTES;
      if (batch.length > 0 && (batch.length === MAX_BATCH_OPERATIONS || bytes + size > MAX_BATCH_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(e);
      bytes += size;
    }
    if (batch.length) batches.push(batch);
  }
  return batches;
}

export class StoreTable {
  constructor(
    readonly name: string,
    private readonly client: TableClient,
  ) {}

  /** Creates the table if missing (an existing table is fine). */
  async ensure(): Promise<void> {
    try {
      await this.client.createTable();
    } catch (e) {
      if (statusOf(e) === 409) return; // TableAlreadyExists (createTable already tolerates it; belt and braces)
      throw this.writeError('createTable', e);
    }
  }

  async get(partitionKey: string, rowKey: string): Promise<ReadEntity | undefined> {
    try {
      return await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Entities matching an OData filter built with the `odata` tag; one service call per page. */
  query(filter: string | undefined): AsyncIterable<ReadEntity> {
    return this.client.listEntities<Record<string, unknown>>(filter === undefined ? {} : { queryOptions: { filter } });
  }

  async upsert(entity: Entity): Promise<void> {
    try {
      await this.client.upsertEntity(withoutUndefined(entity), 'Replace');
    } catch (e) {
      throw this.writeError('upsertEntity', e, entity);
    }
  }

  /** Inserts a new entity (fails if the key exists); returns its ETag. */
  async create(entity: Entity): Promise<string> {
    try {
      const r = await this.client.createEntity(withoutUndefined(entity));
      return this.requireEtag(r.etag, 'createEntity', entity);
    } catch (e) {
      throw this.writeError('createEntity', e, entity);
    }
  }

  /** Replaces an entity if its ETag still is `etag`; returns the new ETag. 412 -> ConcurrencyError. */
  async replace(entity: Entity, etag: string): Promise<string> {
    try {
      const r = await this.client.updateEntity(withoutUndefined(entity), 'Replace', { etag });
      return this.requireEtag(r.etag, 'updateEntity', entity);
    } catch (e) {
      if (statusOf(e) === 412) throw new ConcurrencyError(this.name, entity.partitionKey, entity.rowKey, { cause: e });
      throw this.writeError('updateEntity', e, entity);
    }
  }

  /** Merges properties into an existing entity (fails if it is gone). */
  async merge(entity: Entity): Promise<void> {
    try {
      await this.client.updateEntity(withoutUndefined(entity), 'Merge');
    } catch (e) {
      throw this.writeError('updateEntity', e, entity);
    }
  }

  /** Deletes an entity; a missing one is fine. */
  async delete(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await this.client.deleteEntity(partitionKey, rowKey);
    } catch (e) {
      if (statusOf(e) === 404) return;
      throw this.writeError('deleteEntity', e, { partitionKey, rowKey });
    }
  }

  /** Deletes an entity if its ETag still is `etag`; a missing one is fine. 412 -> ConcurrencyError. */
  async deleteIfMatch(partitionKey: string, rowKey: string, etag: string): Promise<void> {
    try {
      await this.client.deleteEntity(partitionKey, rowKey, { etag });
    } catch (e) {
      if (statusOf(e) === 404) return;
      if (statusOf(e) === 412) throw new ConcurrencyError(this.name, partitionKey, rowKey, { cause: e });
      throw this.writeError('deleteEntity', e, { partitionKey, rowKey });
    }
  }

  /** Writes entities in entity group transactions (per partition, <= 100 each); all-or-nothing per transaction. */
  async submit(kind: 'upsert' | 'create', entities: readonly Entity[]): Promise<void> {
    for (const batch of planBatches(entities.map(withoutUndefined))) {
      const actions: TransactionAction[] = batch.map((e) => (kind === 'upsert' ? ['upsert', e, 'Replace'] : ['create', e]));
      try {
        await this.client.submitTransaction(actions);
      } catch (e) {
        throw this.writeError(`submitTransaction (${batch.length} ${kind}s, PartitionKey=${JSON.stringify(batch[0]!.partitionKey)})`, e);
      }
    }
  }

  /** One entity group transaction (one partition, <= 100 actions), all or nothing; returns each action's new ETag, in order. 412 -> ConcurrencyError; 409 -> StoreWriteError 409. */
  async transact(actions: readonly TransactionAction[]): Promise<readonly (string | undefined)[]> {
    if (actions.length === 0) return [];
    const first = actions[0]![1];
    try {
      const response = await this.client.submitTransaction([...actions]);
      // Sub-responses come in the order of the actions; their RowKeys are URL-encoded, so go by position.
      return actions.map((_, i) => response.subResponses[i]?.etag?.trim() || undefined);
    } catch (e) {
      if (statusOf(e) === 412) throw new ConcurrencyError(this.name, first.partitionKey, first.rowKey, { cause: e });
      throw this.writeError(`submitTransaction (${actions.length} actions, PartitionKey=${JSON.stringify(first.partitionKey)})`, e);
    }
  }

  private requireEtag(etag: string | undefined, operation: string, entity: Entity): string {
    if (!etag) throw new StoreWriteError(this.name, operation, undefined, undefined, `the service returned no ETag for (${entity.partitionKey}, ${entity.rowKey})`);
    return etag;
  }

  private writeError(operation: string, e: unknown, entity?: Entity): Error {
    if (e instanceof ConcurrencyError || e instanceof StoreWriteError) return e;
    const keys = entity ? ` (PartitionKey=${JSON.stringify(entity.partitionKey)}, RowKey=${JSON.stringify(entity.rowKey)})` : '';
    return new StoreWriteError(this.name, operation, statusOf(e), codeOf(e), `${messageOf(e)}${keys}`, { cause: e });
  }
}
