/** The store: every table AML Guard keeps, opened (and created if missing) on one connection. */
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { auditTable, type AuditTable } from './audit';
import { tableClient, type StorageConnection } from './connection';
import { exceptionsTable, type ExceptionsTable } from './exceptions';
import { findingsTable, type FindingsTable } from './findings';
import { inventoryTable, type InventoryTable } from './inventory';
import { leasesTable, type LeasesTable } from './leases';
import { linksTable, type LinksTable } from './links';
import { outboxTable, type OutboxTable } from './outbox';
import { poisonTable, type PoisonTable } from './poison';
import { runsTable, type RunsTable } from './runs';
import { stateTable, type StateTable } from './state';
import { TransactionCounter, type StoreStats } from './stats';
import { StoreTable } from './table';

export interface GuardStore {
  readonly findings: FindingsTable;
  readonly audit: AuditTable;
  readonly exceptions: ExceptionsTable;
  readonly state: StateTable;
  /** The dependency index: which resource links which (workspace -> storage, compute -> subnet, ...). */
  readonly links: LinksTable;
  /** Queue messages that will never be processed, kept for inspection / replay. */
  readonly poison: PoisonTable;
  /** One row per evaluated resource, so compliant resources count in the KPIs. */
  readonly inventory: InventoryTable;
  /** Per-resource leases across instances (rows in the inventory table, see leases.ts). */
  readonly leases: LeasesTable;
  /** Notifications the topic has not accepted yet (delivered by a later drain). */
  readonly outbox: OutboxTable;
  /** The record of each sweep: work items planned, done, failed. */
  readonly runs: RunsTable;
  /** Table service calls made through this store so far. */
  stats(): StoreStats;
  /** The actual table names (with the prefix). */
  readonly tableNames: Readonly<Record<TableRole, string>>;
}

export interface OpenStoreOptions {
  /** Prepended to every table name (letters and digits, starting with a letter); default ''. Tests use a unique one each. */
  readonly tablePrefix?: string;
  /** Extra pipeline policies for every table client (e.g. a fault injector in tests), after the transaction counter. */
  readonly policies?: readonly PipelinePolicy[];
  /** The SDK's retry options (default: the SDK's). */
  readonly retryOptions?: { readonly maxRetries?: number };
}

export type TableRole = 'findings' | 'audit' | 'exceptions' | 'state' | 'poisonMessages' | 'links' | 'inventory' | 'notificationOutbox' | 'runs';
const ROLES: readonly TableRole[] = ['findings', 'audit', 'exceptions', 'state', 'poisonMessages', 'links', 'inventory', 'notificationOutbox', 'runs'];

/** Table names: 3-63 characters, alphanumeric, starting with a letter. */
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

export async function openStore(conn: StorageConnection, options: OpenStoreOptions = {}): Promise<GuardStore> {
  const prefix = options.tablePrefix ?? '';
  const counter = new TransactionCounter();
  const tables = {} as Record<TableRole, StoreTable>;
  for (const role of ROLES) {
    const name = `${prefix}${role}`;
    if (!TABLE_NAME.test(name)) throw new Error(`invalid table name ${JSON.stringify(name)}: tablePrefix must be letters and digits, start with a letter, and leave the name at most 63 characters`);
    const policies = [counter.policy, ...(options.policies ?? [])].map((policy) => ({ policy, position: 'perCall' as const }));
    tables[role] = new StoreTable(name, tableClient(conn, name, { additionalPolicies: policies, ...(options.retryOptions ? { retryOptions: { ...options.retryOptions } } : {}) }));
  }
  await Promise.all(ROLES.map((r) => tables[r].ensure()));
  const names = Object.fromEntries(ROLES.map((r) => [r, tables[r].name])) as Record<TableRole, string>;
  return {
    findings: findingsTable(tables.findings),
    audit: auditTable(tables.audit),
    exceptions: exceptionsTable(tables.exceptions),
    state: stateTable(tables.state),
    links: linksTable(tables.links),
    poison: poisonTable(tables.poisonMessages),
    inventory: inventoryTable(tables.inventory),
    leases: leasesTable(tables.inventory),
    outbox: outboxTable(tables.notificationOutbox),
    runs: runsTable(tables.runs),
    stats: () => counter.stats(),
    tableNames: names,
  };
}
