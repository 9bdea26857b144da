import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ResourceManagementClient } from '@azure/arm-resources';
import { StorageManagementClient } from '@azure/arm-storage';
import { API_VERSIONS } from '../resources/api-versions';
import { clientOptions, type ArmConnection } from './connection';

/**
 * The clients of a workspace's dependencies (Storage, Key Vault, Container Registry) and of
 * Microsoft.Resources (resource groups, tags at scope). All four are "modular" SDKs: they take an
 * `apiVersion` option (pinned in API_VERSIONS), and reads are captured in wire shape by the
 * pipeline policy of wire-scope.ts (their paging helper drops `onResponse` after page 1).
 */
function options(connection: ArmConnection, apiVersion: string) {
  return { ...clientOptions(connection), apiVersion };
}

export function createStorageClient(connection: ArmConnection, subscriptionId: string): StorageManagementClient {
  return new StorageManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.storage));
}

export function createKeyVaultClient(connection: ArmConnection, subscriptionId: string): KeyVaultManagementClient {
  return new KeyVaultManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.keyVault));
}

export function createContainerRegistryClient(connection: ArmConnection, subscriptionId: string): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.containerRegistry));
}

export function createResourcesClient(connection: ArmConnection, subscriptionId: string): ResourceManagementClient {
  return new ResourceManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.resources));
}
