/**
 * `inventory`: one row per resource AML Guard evaluated, so compliant resources count in the KPIs
 * too. PartitionKey = subscription id (lower case), RowKey = encodeKey(lower-case resource id)
 * (the findings encoding: a parent's key is a prefix of its children's, followed by `!`).
 * Only the few facts the KPIs need are kept; a deleted resource keeps its row, flagged.
 */
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { idKey, parseArmId } from '../model';
import { PATH_SEPARATOR, encodeKey, prefixEnd } from './keys';
import { decodeRow } from './rows';
import type { Entity, ReadEntity, StoreTable } from './table';

/** The rows that are resources: encoded ids start with `!` (keys.ts); the partition also holds leases (leases.ts). */
export const RESOURCE_ROWS = odata`RowKey ge ${PATH_SEPARATOR} and RowKey lt ${prefixEnd(PATH_SEPARATOR)}`;

export const inventoryItemSchema = z.object({
  resourceId: z.string(),
  subscriptionId: z.string(),
  /** Lower-case resource type (ResourceTypes). */
  type: z.string(),
  name: z.string(),
  lastEvaluated: z.string(),
  deleted: z.boolean(),
  deletedAt: z.string().optional(),
  /** Workspaces: `publicNetworkAccess` is Disabled. */
  publicNetworkAccessDisabled: z.boolean().optional(),
  /** Computes: `properties.computeType` (ComputeInstance, AmlCompute, ...). */
  computeType: z.string().optional(),
  /** Computes: nodes get a public IP (enableNodePublicIp true or missing, or a public connectivity endpoint). */
  publicIp: z.boolean().optional(),
  /** Compute instances: `properties.properties.state` when evaluated. */
  state: z.string().optional(),
  /**
   * A sweep read what only ARM holds about it (diagnostic settings, connections, budgets, policy
   * assignments) since its last event; without it the next sweep reads them (arm-only-refresh.ts).
   */
  armOnlyRead: z.boolean().optional(),
});
export type InventoryItem = z.infer<typeof inventoryItemSchema>;

export interface InventoryFilter {
  readonly subscriptionId?: string;
  /** Lower-case resource type. */
  readonly type?: string;
  /** Default false: deleted resources are left out. */
  readonly includeDeleted?: boolean;
}

export interface InventoryTable {
  get(resourceId: string): Promise<InventoryItem | undefined>;
  /** Upsert (Replace) in transactions per partition, <= 100 each. */
  upsert(items: readonly InventoryItem[]): Promise<void>;
  /** Flags the resource and its child resources deleted (rows that exist; a missing row is fine). Returns what it flagged. */
  markDeleted(resourceId: string, at: string): Promise<InventoryItem[]>;
  list(filter?: InventoryFilter): Promise<InventoryItem[]>;
}

export function inventoryPartitionKey(resourceId: string): string {
  return parseArmId(resourceId).subscriptionId.toLowerCase();
}

export function inventoryRowKey(resourceId: string): string {
  return encodeKey(idKey(resourceId));
}

/** The row an inventory item is stored as. */
export function inventoryEntity(item: InventoryItem): Entity {
  const partitionKey = inventoryPartitionKey(item.resourceId);
  if (item.subscriptionId.toLowerCase() !== partitionKey) throw new Error(`inventory item ${item.resourceId}: subscriptionId ${item.subscriptionId} does not match the resource id`);
  return {
    partitionKey,
    rowKey: inventoryRowKey(item.resourceId),
    resourceId: item.resourceId,
    subscriptionId: item.subscriptionId,
    type: item.type,
    name: item.name,
    lastEvaluated: item.lastEvaluated,
    deleted: item.deleted,
    deletedAt: item.deletedAt,
    publicNetworkAccessDisabled: item.publicNetworkAccessDisabled,
    computeType: item.computeType,
    publicIp: item.publicIp,
    state: item.state,
    armOnlyRead: item.armOnlyRead,
  };
}

export function inventoryTable(table: StoreTable): InventoryTable {
  const read = (e: ReadEntity) => decodeRow(table.name, e, inventoryItemSchema);
  const collect = async (filter: string | undefined) => {
    const out: InventoryItem[] = [];
    for await (const e of table.query(filter)) out.push(read(e));
    return out;
  };
  return {
    async get(resourceId) {
      const e = await table.get(inventoryPartitionKey(resourceId), inventoryRowKey(resourceId));
      return e && read(e);
    },
    async upsert(items) {
      await table.submit('upsert', items.map(inventoryEntity));
    },
    async markDeleted(resourceId, at) {
      const own = inventoryRowKey(resourceId);
      const children = own + PATH_SEPARATOR;
      const rows = await collect(
        [
          odata`PartitionKey eq ${inventoryPartitionKey(resourceId)}`,
          odata`(RowKey eq ${own} or (RowKey ge ${children} and RowKey lt ${prefixEnd(children)}))`,
          odata`deleted eq ${false}`,
        ].join(' and '),
      );
      const flagged = rows.map((r) => ({ ...r, deleted: true, deletedAt: at }));
      await table.submit('upsert', flagged.map(inventoryEntity));
      return flagged;
    },
    list(filter = {}) {
      // Only resource rows: the partition also holds resource leases (leases.ts).
      const clauses: string[] = [RESOURCE_ROWS];
      if (filter.subscriptionId !== undefined) clauses.push(odata`PartitionKey eq ${filter.subscriptionId.toLowerCase()}`);
      if (filter.type !== undefined) clauses.push(odata`type eq ${filter.type.toLowerCase()}`);
      if (!filter.includeDeleted) clauses.push(odata`deleted eq ${false}`);
      return collect(clauses.join(' and '));
    },
  };
}
