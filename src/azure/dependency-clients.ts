import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { StorageManagementClient } from '@azure/arm-storage';
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
  const sdk: typeof import('@azure/arm-storage') = require('@azure/arm-storage');
  return new sdk.StorageManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.storage));
}

export function createKeyVaultClient(connection: ArmConnection, subscriptionId: string): KeyVaultManagementClient {
  const sdk: typeof import('@azure/arm-keyvault') = require('@azure/arm-keyvault');
  return new sdk.KeyVaultManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.keyVault));
}

export function createContainerRegistryClient(connection: ArmConnection, subscriptionId: string): ContainerRegistryManagementClient {
  const sdk: typeof import('@azure/arm-containerregistry') = require('@azure/arm-containerregistry');
  return new sdk.ContainerRegistryManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.containerRegistry));
}

export function createResourcesClient(connection: ArmConnection, subscriptionId: string): ResourceManagementClient {
  const sdk: typeof import('@azure/arm-resources') = require('@azure/arm-resources');
  return new sdk.ResourceManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.resources));
}
