import type { QueueClient } from '@azure/storage-queue';
import { managedIdentityCredential, requireStorage } from '../engine/context-from-environment';
import { queueClient } from '../store';
import { startupSettings } from './startup';

let client: QueueClient | undefined;

/**
 * Re-enqueues a message the trigger delivered (already decoded by the host) on the events queue,
 * encoded as the host reads it (host.json `messageEncoding: base64`), invisible for
 * `delaySeconds`. The events queue lives in AML Guard's storage account (the one the settings
 * name, AMLGUARD_STORAGE_*; infra/main.json points AzureWebJobsStorage at the same account), and
 * the Function's identity holds Storage Queue Data Contributor on it.
 */
export async function requeueEvent(message: unknown, delaySeconds: number): Promise<void> {
  const settings = startupSettings();
  client ??= queueClient(requireStorage(settings, managedIdentityCredential(settings)), settings.eventsQueue);
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  await client.sendMessage(Buffer.from(text, 'utf8').toString('base64'), { visibilityTimeout: delaySeconds });
}
