/**
 * How AML Guard reaches Table and Queue Storage. Production is identity-based (managed identity
 * through DefaultAzureCredential, account URL, no keys); a connection string is for Azurite.
 */
import type { TokenCredential } from '@azure/core-auth';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';

export type StorageConnection =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      readonly accountName: string;
      /** Default `https://{accountName}.table.core.windows.net`. */
      readonly tableEndpoint?: string;
      /** Default `https://{accountName}.queue.core.windows.net`. */
      readonly queueEndpoint?: string;
      readonly credential: TokenCredential;
    };

/** Where storage settings point (src/config reads them from AMLGUARD_STORAGE_*). */
export interface StorageLocation {
  readonly account?: string;
  readonly tableEndpoint?: string;
  readonly queueEndpoint?: string;
  readonly connectionString?: string;
}

/**
 * An account -> identity (the endpoints default to the public cloud's; sovereign clouds set them);
 * else a connection string (Azurite); else undefined (the caller starts Azurite).
 */
export function storageConnectionOf(location: StorageLocation, credential: TokenCredential): StorageConnection | undefined {
  if (location.account) {
    return {
      kind: 'identity',
      accountName: location.account,
      ...(location.tableEndpoint ? { tableEndpoint: location.tableEndpoint } : {}),
      ...(location.queueEndpoint ? { queueEndpoint: location.queueEndpoint } : {}),
      credential,
    };
  }
  return location.connectionString ? { kind: 'connection-string', connectionString: location.connectionString } : undefined;
}

/** True for connection strings that speak plain http (Azurite / development storage). */
export function isInsecureConnectionString(cs: string): boolean {
  const parts = new Map<string, string>();
  for (const pair of cs.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) parts.set(pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return true;
  const endpoint = parts.get('tableendpoint');
  return endpoint ? /^http:/i.test(endpoint) : parts.get('defaultendpointsprotocol')?.toLowerCase() === 'http';
}

export function tableEndpointOf(conn: Extract<StorageConnection, { kind: 'identity' }>): string {
  return (conn.tableEndpoint ?? `https://${conn.accountName}.table.core.windows.net`).replace(/\/+$/, '');
}

export function queueEndpointOf(conn: Extract<StorageConnection, { kind: 'identity' }>): string {
  return (conn.queueEndpoint ?? `https://${conn.accountName}.queue.core.windows.net`).replace(/\/+$/, '');
}

export function tableClient(conn: StorageConnection, tableName: string, options: TableServiceClientOptions = {}): TableClient {
  if (conn.kind === 'connection-string') {
    const insecure = isInsecureConnectionString(conn.connectionString);
    return TableClient.fromConnectionString(conn.connectionString, tableName, { ...options, ...(insecure ? { allowInsecureConnection: true } : {}) });
  }
  return new TableClient(tableEndpointOf(conn), tableName, conn.credential, options);
}

export function queueClient(conn: StorageConnection, queueName: string): QueueClient {
  const sdk: typeof import('@azure/storage-queue') = require('@azure/storage-queue');
  if (conn.kind === 'connection-string') return new sdk.QueueClient(conn.connectionString, queueName);
  return new sdk.QueueClient(`${queueEndpointOf(conn)}/${encodeURIComponent(queueName)}`, conn.credential);
}
