import { DefaultAzureCredential } from '@azure/identity';
import * as path from 'node:path';
import type { StorageConnection } from '../store';
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
export async function chooseStorage(env: Readonly<Record<string, string | undefined>>, ephemeral: boolean): Promise<ChosenStorage> {
  const tablePrefix = env.AMLGUARD_TABLE_PREFIX ?? '';
  const account = env.AMLGUARD_STORAGE_ACCOUNT;
  if (account) {
    return {
      connection: { kind: 'identity', accountName: account, credential: new DefaultAzureCredential() },
      tablePrefix,
      description: `Azure Storage account ${account} (managed identity)`,
      close: async () => {},
    };
  }
  const cs = env.AMLGUARD_STORAGE_CONNECTION_STRING;
  if (cs) return { connection: { kind: 'connection-string', connectionString: cs }, tablePrefix, description: 'storage from AMLGUARD_STORAGE_CONNECTION_STRING', close: async () => {} };
  const home = path.resolve(env.AMLGUARD_HOME ?? '.aml-guard');
  const azurite = await startAzurite(ephemeral ? { silent: true } : { location: path.join(home, 'azurite'), silent: true });
  return {
    connection: { kind: 'connection-string', connectionString: azurite.connectionString },
    tablePrefix,
    description: ephemeral ? 'Azurite (in memory)' : `Azurite (persisted in ${path.join(home, 'azurite')})`,
    close: () => azurite.stop(),
  };
}
