import { DefaultAzureCredential } from '@azure/identity';
import type { QueueClient } from '@azure/storage-queue';
import { queueClient, type StorageConnection } from '../store';

type Env = Readonly<Record<string, string | undefined>>;

let client: QueueClient | undefined;

/**
 * The events queue, as the queue trigger reads it (`AzureWebJobsStorage`: identity-based with
 * `__accountName` / `__queueServiceUri` / `__clientId`, or a connection string locally), to hand a
 * deferred message back. The Function's identity already holds Storage Queue Data Contributor.
 */
function eventsQueue(env: Env): QueueClient {
  if (client) return client;
  const queueName = env.AMLGUARD_EVENTS_QUEUE || 'aml-guard-events';
  const account = env.AzureWebJobsStorage__accountName;
  let conn: StorageConnection;
  if (account) {
    const credential = new DefaultAzureCredential(env.AzureWebJobsStorage__clientId ? { managedIdentityClientId: env.AzureWebJobsStorage__clientId } : {});
    conn = { kind: 'identity', accountName: account, credential, ...(env.AzureWebJobsStorage__queueServiceUri ? { queueEndpoint: env.AzureWebJobsStorage__queueServiceUri } : {}) };
  } else if (env.AzureWebJobsStorage) {
    conn = { kind: 'connection-string', connectionString: env.AzureWebJobsStorage };
  } else {
    throw new Error('cannot defer a message: neither AzureWebJobsStorage__accountName nor AzureWebJobsStorage is set');
  }
  client = queueClient(conn, queueName);
  return client;
}

/**
 * Re-enqueues a message the trigger delivered (already decoded by the host), encoded as the host
 * reads it (host.json `messageEncoding: base64`), invisible for `delaySeconds`.
 */
export async function requeueEvent(message: unknown, delaySeconds: number, env: Env = process.env): Promise<void> {
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  await eventsQueue(env).sendMessage(Buffer.from(text, 'utf8').toString('base64'), { visibilityTimeout: delaySeconds });
}
