/**
 * Resource leases: at most one AML Guard instance evaluates-with-remediation a resource at a time,
 * across processes and hosts (Functions scales out). A lease is a row with a holder token and an
 * expiry, taken by an insert (only one insert of a key succeeds) and taken over, once expired,
 * by an ETag-conditional replace (only one replace of a version succeeds): a crashed holder's
 * lease lapses on its own. An event's "processed" mark lives beside the lease.
 *
 * Where: the `inventory` table, in the resource's subscription partition, RowKeys `lease|<id>`
 * and `event|<event id>`. Why there and not a table of its own: a lease is released in the same
 * entity group transaction that writes the resource's inventory row and marks the event
 * processed, so the release, the mark and the row commit together (all or nothing) and the
 * event path stays within its table-transaction budget: one transaction to take the lease and
 * claim the event, one to commit. A blob lease was not chosen: it needs a blob per resource, a
 * second storage service and its RBAC, and cannot commit with table rows. Inventory rows are
 * keyed by encoded ids, which start with `!` (see keys.ts); lease and event rows never do, and
 * inventory queries read only that range (RESOURCE_ROWS).
 */
import { randomUUID } from 'node:crypto';
import type { TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { idKey } from '../model';
import { ConcurrencyError, StoreWriteError } from './errors';
import { encodeKey } from './keys';
import { decodeRow } from './rows';
import { inventoryEntity, inventoryPartitionKey, type InventoryItem } from './inventory';
import type { Entity, StoreTable } from './table';

/** A lease this process holds. */
export interface HeldLease {
  readonly resourceId: string;
  readonly token: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
  /** The event claimed with the lease, marked processed when the lease is committed. */
  readonly eventId?: string;
  /** The lease row's ETag as this process wrote it: the release is conditional on it. */
  readonly etag: string;
}

export type LeaseResult =
  /** `resumed`: the event was claimed by an earlier delivery that did not finish (its claim was left behind). */
  | { readonly kind: 'acquired'; readonly lease: HeldLease; readonly resumed?: boolean }
  /** Another holder's lease runs until `expiresAt`. */
  | { readonly kind: 'taken'; readonly expiresAt: string }
  /** The event was processed already (a duplicate delivery). */
  | { readonly kind: 'processed' };

export interface LeaseRequest {
  readonly now: Date;
  readonly ttlMs: number;
  /** Claims this event with the lease (a duplicate delivery of a processed event gets `processed`). */
  readonly eventId?: string;
}

export interface LeasesTable {
  acquire(resourceId: string, request: LeaseRequest): Promise<LeaseResult>;
  /**
   * Releases the lease, marks its event processed and writes the resource's inventory row, in one
   * transaction. A ConcurrencyError means the lease expired and was taken over meanwhile.
   */
  commit(lease: HeldLease, inventory?: InventoryItem, now?: Date): Promise<void>;
  /** Gives the lease and the event claim up after a failure (best effort: an unreleased lease lapses). */
  abandon(lease: HeldLease): Promise<void>;
}

const leaseRowSchema = z.object({ token: z.string(), expiresAt: z.string() });
const eventRowSchema = z.object({ status: z.enum(['processing', 'processed']) });

/**
 * Whether the lease is far enough from its expiry that no other instance can have taken it over,
 * allowing for clock skew between hosts: a fifth of its term, at most a minute.
 */
function stillSafelyHeld(lease: HeldLease, now: Date): boolean {
  const term = Date.parse(lease.expiresAt) - Date.parse(lease.acquiredAt);
  return now.getTime() < Date.parse(lease.expiresAt) - Math.min(60_000, term / 5);
}

export const leaseRowKey = (resourceId: string) => `lease|${encodeKey(idKey(resourceId))}`;
export const eventRowKey = (eventId: string) => `event|${encodeKey(eventId)}`;

export function leasesTable(table: StoreTable): LeasesTable {
  const read = async (pk: string, rk: string) => {
    const e = await table.get(pk, rk);
    return e ? { row: e, etag: e.etag } : undefined;
  };

  return {
    async acquire(resourceId, request) {
      const pk = inventoryPartitionKey(resourceId);
      const token = randomUUID();
      const expiresAt = new Date(request.now.getTime() + request.ttlMs).toISOString();
      const leaseEntity: Entity = { partitionKey: pk, rowKey: leaseRowKey(resourceId), resourceId, token, expiresAt };
      const eventEntity: Entity | undefined = request.eventId === undefined ? undefined : { partitionKey: pk, rowKey: eventRowKey(request.eventId), eventId: request.eventId, resourceId, status: 'processing', at: request.now.toISOString() };
      // The lease is always the first action of the transactions below.
      const held = (etags: readonly (string | undefined)[], resumed = false): LeaseResult => {
        const etag = etags[0];
        if (!etag) throw new StoreWriteError(table.name, 'submitTransaction', undefined, undefined, `the service returned no ETag for the lease of ${resourceId}`);
        return { kind: 'acquired', lease: { resourceId, token, acquiredAt: request.now.toISOString(), expiresAt, etag, ...(request.eventId !== undefined ? { eventId: request.eventId } : {}) }, ...(resumed ? { resumed } : {}) };
      };

      // The common case, one transaction: neither row exists.
      try {
        return held(await table.transact([['create', leaseEntity], ...(eventEntity ? ([['create', eventEntity]] as TransactionAction[]) : [])]));
      } catch (error) {
        if (!(error instanceof StoreWriteError) || error.statusCode !== 409) throw error;
      }
      const lease = await read(pk, leaseEntity.rowKey);
      const event = eventEntity ? await read(pk, eventEntity.rowKey) : undefined;
      if (event && decodeRow(table.name, event.row, eventRowSchema).status === 'processed') return { kind: 'processed' };
      if (lease) {
        const current = decodeRow(table.name, lease.row, leaseRowSchema);
        if (Date.parse(current.expiresAt) > request.now.getTime()) return { kind: 'taken', expiresAt: current.expiresAt };
      }
      // The holder lapsed (crashed): take over, conditionally on the versions just read.
      const actions: TransactionAction[] = [lease ? ['update', leaseEntity, 'Replace', { etag: lease.etag }] : ['create', leaseEntity]];
      if (eventEntity) actions.push(event ? ['update', eventEntity, 'Replace', { etag: event.etag }] : ['create', eventEntity]);
      try {
        return held(await table.transact(actions), event !== undefined);
      } catch (error) {
        if (error instanceof ConcurrencyError || (error instanceof StoreWriteError && error.statusCode === 409)) return { kind: 'taken', expiresAt };
        throw error;
      }
    },

    async commit(lease, inventory, now = new Date()) {
      const pk = inventoryPartitionKey(lease.resourceId);
      const rows: TransactionAction[] = [];
      if (lease.eventId !== undefined) {
        rows.push(['upsert', { partitionKey: pk, rowKey: eventRowKey(lease.eventId), eventId: lease.eventId, resourceId: lease.resourceId, status: 'processed', at: now.toISOString() }, 'Replace']);
      }
      if (inventory && inventoryPartitionKey(inventory.resourceId) === pk) rows.push(['upsert', inventoryEntity(inventory), 'Replace']);
      const leaseKey = { partitionKey: pk, rowKey: leaseRowKey(lease.resourceId) };
      if (stillSafelyHeld(lease, now)) {
        // A delete in a transaction cannot be conditional; while the lease is well within its
        // term nobody else can have taken it over (takeover needs expiry), so it need not be.
        await table.transact([['delete', leaseKey], ...rows]);
      } else {
        await table.deleteIfMatch(leaseKey.partitionKey, leaseKey.rowKey, lease.etag);
        await table.transact(rows);
      }
      if (inventory && inventoryPartitionKey(inventory.resourceId) !== pk) await table.upsert(inventoryEntity(inventory));
    },

    async abandon(lease) {
      const pk = inventoryPartitionKey(lease.resourceId);
      try {
        if (lease.eventId !== undefined) await table.delete(pk, eventRowKey(lease.eventId));
        await table.deleteIfMatch(pk, leaseRowKey(lease.resourceId), lease.etag);
      } catch {
        // best effort: the lease lapses at its expiry and the event claim is taken over with it
      }
    },
  };
}
