/**
 * How AML Guard reaches Table and Queue Storage. Production is identity-based (managed identity
 * through DefaultAzureCredential, account URL, no keys); a connection string is for Azurite.
 */
import type { TokenCredential } from '@azure/core-auth';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient } from '@azure/storage-queue';

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

/** An identity connection with DefaultAzureCredential (managed identity in Azure, developer login locally). */
export function identityConnection(
  accountName: string,
  endpoints: { tableEndpoint?: string; queueEndpoint?: string } = {},
  credential: TokenCredential = new DefaultAzureCredential(),
): StorageConnection {
  return { kind: 'identity', accountName, ...endpoints, credential };
}

/**
 * From the environment: `AMLGUARD_STORAGE_ACCOUNT` (+ optional `AMLGUARD_STORAGE_TABLE_ENDPOINT`,
 * `AMLGUARD_STORAGE_QUEUE_ENDPOINT`) -> identity; else `AMLGUARD_STORAGE_CONNECTION_STRING` ->
 * connection string (Azurite); else undefined (the caller starts Azurite).
 */
export function connectionFromEnv(env: Readonly<Record<string, string | undefined>>, credential?: TokenCredential): StorageConnection | undefined {
  const account = env.AMLGUARD_STORAGE_ACCOUNT?.trim();
  if (account) {
    const endpoints = {
      ...(env.AMLGUARD_STORAGE_TABLE_ENDPOINT ? { tableEndpoint: env.AMLGUARD_STORAGE_TABLE_ENDPOINT } : {}),
      ...(env.AMLGUARD_STORAGE_QUEUE_ENDPOINT ? { queueEndpoint: env.AMLGUARD_STORAGE_QUEUE_ENDPOINT } : {}),
    };
    return identityConnection(account, endpoints, credential);
  }
  const cs = env.AMLGUARD_STORAGE_CONNECTION_STRING?.trim();
  return cs ? { kind: 'connection-string', connectionString: cs } : undefined;
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
  if (conn.kind === 'connection-string') return new QueueClient(conn.connectionString, queueName);
  return new QueueClient(`${queueEndpointOf(conn)}/${encodeURIComponent(queueName)}`, conn.credential);
}
