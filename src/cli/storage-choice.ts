import * as path from 'node:path';
import type { Settings } from '../config/settings';
import { managedIdentityCredential } from '../engine';
import { storageConnectionOf, type StorageConnection } from '../store';
import { startAzurite } from '../store/azurite';

export interface ChosenStorage {
  readonly connection: StorageConnection;
  readonly tablePrefix: string;
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Production: Azure Storage by identity (AMLGUARD_STORAGE_ACCOUNT; no keys). Otherwise a
 * given connection string (an Azurite elsewhere), else an Azurite the CLI starts itself:
 * in memory for sandbox runs (a self-contained simulation), persisted under AMLGUARD_HOME otherwise.
 */
export async function chooseStorage(settings: Pick<Settings, 'storage' | 'cloud' | 'cli'>, ephemeral: boolean): Promise<ChosenStorage> {
  const { tablePrefix, account } = settings.storage;
  const given = storageConnectionOf(settings.storage, managedIdentityCredential(settings));
  if (given) {
    const description = account ? `Azure Storage account ${account} (managed identity)` : 'storage from AMLGUARD_STORAGE_CONNECTION_STRING';
    return { connection: given, tablePrefix, description, close: async () => {} };
  }
  const home = path.resolve(settings.cli.home);
  const azurite = await startAzurite(ephemeral ? { silent: true } : { location: path.join(home, 'azurite'), silent: true });
  return {
    connection: { kind: 'connection-string', connectionString: azurite.connectionString },
    tablePrefix,
    description: ephemeral ? 'Azurite (in memory)' : `Azurite (persisted in ${path.join(home, 'azurite')})`,
    close: () => azurite.stop(),
  };
}
