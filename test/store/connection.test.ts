import { describe, expect, it } from 'vitest';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { readSettings } from '../../src/config/settings';
import { isInsecureConnectionString, queueClient, storageConnectionOf, tableClient } from '../../src/store';

const credential: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) };
const connectionFromEnv = (env: Record<string, string>) => storageConnectionOf(readSettings(env, []).storage, credential);

describe('connection', () => {
  it('identity from AMLGUARD_STORAGE_ACCOUNT wins; no account and no connection string = undefined', () => {
    const conn = connectionFromEnv({ AMLGUARD_STORAGE_ACCOUNT: 'amlguardsa', AMLGUARD_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(conn).toMatchObject({ kind: 'identity', accountName: 'amlguardsa' });
    expect(connectionFromEnv({ AMLGUARD_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toEqual({ kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' });
    expect(connectionFromEnv({})).toBeUndefined();
  });

  it('identity clients use the account URLs', () => {
    const conn = connectionFromEnv({ AMLGUARD_STORAGE_ACCOUNT: 'amlguardsa' })!;
    expect(tableClient(conn, 'findings').url).toBe('https://amlguardsa.table.core.windows.net');
    expect(queueClient(conn, 'events').url).toBe('https://amlguardsa.queue.core.windows.net/events');
  });

  it('a sovereign cloud: AMLGUARD_STORAGE_TABLE_ENDPOINT / _QUEUE_ENDPOINT (set by infra from environment()) are used', () => {
    const conn = connectionFromEnv({
      AMLGUARD_STORAGE_ACCOUNT: 'amlguardsa',
      AMLGUARD_STORAGE_TABLE_ENDPOINT: 'https://amlguardsa.table.core.chinacloudapi.cn/',
      AMLGUARD_STORAGE_QUEUE_ENDPOINT: 'https://amlguardsa.queue.core.chinacloudapi.cn',
    })!;
    expect(tableClient(conn, 'findings').url).toBe('https://amlguardsa.table.core.chinacloudapi.cn');
    expect(queueClient(conn, 'events').url).toBe('https://amlguardsa.queue.core.chinacloudapi.cn/events');
  });

  it('recognises plain-http (Azurite) connection strings', () => {
    expect(isInsecureConnectionString('UseDevelopmentStorage=true')).toBe(true);
    expect(isInsecureConnectionString('DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;TableEndpoint=http://127.0.0.1:1/a;')).toBe(true);
    expect(isInsecureConnectionString('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k;EndpointSuffix=core.windows.net')).toBe(false);
  });
});
