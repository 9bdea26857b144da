import type { TokenCredential } from '@azure/core-auth';
import { eventGridPublisher } from '../azure/notification-publisher';
import { clockOf, type Settings } from '../config/settings';
import { ConfigError } from '../model';
import { openStore, storageConnectionOf, type StorageConnection } from '../store';
import type { GuardContext, Logger } from './context';
import { createGuardContext } from './create-context';

/**
 * The production wiring: ARM and Storage through a managed identity (no keys, no connection
 * strings), in the cloud the settings name. `AZURE_CLIENT_ID` selects the user-assigned identity.
 */
export async function contextFromSettings(settings: Settings, log: Logger): Promise<GuardContext> {
  const credential = managedIdentityCredential(settings);
  const store = await openStore(requireStorage(settings, credential), { tablePrefix: settings.storage.tablePrefix });
  return createGuardContext({
    arm: { credential, endpoint: settings.cloud.armEndpoint, audience: settings.cloud.armAudience, pollIntervalMs: settings.lroPollMs },
    store,
    config: settings.config,
    clock: clockOf(settings),
    log,
    actor: settings.actor,
    ...(settings.notifyTopicEndpoint ? { notifications: eventGridPublisher({ endpoint: settings.notifyTopicEndpoint, credential }) } : {}),
  });
}

/** DefaultAzureCredential for the settings' identity and authority host, loaded on first use. */
export function managedIdentityCredential(settings: Pick<Settings, 'cloud'>): TokenCredential {
  const identity: typeof import('@azure/identity') = require('@azure/identity');
  const { managedIdentityClientId, authorityHost } = settings.cloud;
  return new identity.DefaultAzureCredential({ ...(managedIdentityClientId ? { managedIdentityClientId } : {}), ...(authorityHost ? { authorityHost } : {}) });
}

/** The Function app has no Azurite to fall back on: storage must be configured. */
export function requireStorage(settings: Pick<Settings, 'storage'>, credential: TokenCredential): StorageConnection {
  const connection = storageConnectionOf(settings.storage, credential);
  if (!connection) throw new ConfigError('invalid configuration: AMLGUARD_STORAGE_ACCOUNT: is not set (the storage account of the tables, reached by managed identity)');
  return connection;
}
