import { DefaultAzureCredential } from '@azure/identity';
import { notificationsFromEnv } from '../azure/notification-settings';
import { configFromEnv, parseConfig } from '../model';
import { RULE_IDS } from '../rules/catalog';
import { openStore, type StorageConnection } from '../store';
import type { GuardContext, Logger } from './context';
import { clockFromEnv, createGuardContext } from './create-context';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The production wiring: ARM and Storage through a managed identity (no keys, no connection
 * strings). `AZURE_CLIENT_ID` selects the user-assigned identity, as DefaultAzureCredential reads it.
 * A bad AMLGUARD_* value is a startup error that names it.
 */
export async function contextFromEnvironment(env: Env, log: Logger): Promise<GuardContext> {
  const config = parseConfig(configFromEnv(env), RULE_IDS, 'AMLGUARD_* app settings');
  const credential = new DefaultAzureCredential(env.AZURE_CLIENT_ID ? { managedIdentityClientId: env.AZURE_CLIENT_ID } : {});
  const store = await openStore(storageFromEnv(env, credential), { tablePrefix: env.AMLGUARD_TABLE_PREFIX ?? '' });
  return createGuardContext({
    arm: { credential, ...(env.AMLGUARD_ARM_ENDPOINT ? { endpoint: env.AMLGUARD_ARM_ENDPOINT } : {}) },
    store,
    config,
    clock: clockFromEnv(env),
    log,
    actor: env.AMLGUARD_ACTOR ?? 'aml-guard',
    ...notificationsFromEnv(env, credential),
  });
}

function storageFromEnv(env: Env, credential: DefaultAzureCredential): StorageConnection {
  const accountName = env.AMLGUARD_STORAGE_ACCOUNT ?? env.AzureWebJobsStorage__accountName;
  if (accountName) return { kind: 'identity', accountName, credential };
  if (env.AMLGUARD_STORAGE_CONNECTION_STRING) return { kind: 'connection-string', connectionString: env.AMLGUARD_STORAGE_CONNECTION_STRING };
  throw new Error('no storage configured: set AMLGUARD_STORAGE_ACCOUNT (or AzureWebJobsStorage__accountName) to the storage account name');
}
