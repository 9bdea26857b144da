import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { StorageManagementClient } from '@azure/arm-storage';
import { API_VERSIONS } from './api-versions';
import { createAuthorizationClient } from './authorization-client';
import { createContainerRegistryClient, createKeyVaultClient, createResourcesClient, createStorageClient } from './dependency-clients';
import { clientOptions, type ArmConnection } from './connection';
import { createNetworkClient } from './network-client';

/**
 * SDK clients, one per subscription, created on first use. Each resource provider's SDK is
 * `require`d by its factory when its first client is made, not imported at load: a trigger
 * loads only the SDKs it uses (cold start; `npm run bench` measures it).
 */
export class ArmClients {
  private readonly clients = new Map<string, unknown>();

  constructor(readonly connection: ArmConnection) {}

  /** One client per (kind, subscription), created by `make` on first use. */
  private once<T>(kind: string, subscriptionId: string, make: (connection: ArmConnection, subscriptionId: string) => T): T {
    const key = `${kind}|${subscriptionId.toLowerCase()}`;
    if (!this.clients.has(key)) this.clients.set(key, make(this.connection, subscriptionId));
    return this.clients.get(key) as T;
  }

  machineLearning(subscriptionId: string): AzureMachineLearningWorkspaces {
    return this.once('machineLearning', subscriptionId, createMachineLearningClient);
  }

  network(subscriptionId: string): NetworkManagementClient {
    return this.once('network', subscriptionId, createNetworkClient);
  }

  authorization(subscriptionId: string): AuthorizationManagementClient {
    return this.once('authorization', subscriptionId, createAuthorizationClient);
  }

  storage(subscriptionId: string): StorageManagementClient {
    return this.once('storage', subscriptionId, createStorageClient);
  }

  keyVault(subscriptionId: string): KeyVaultManagementClient {
    return this.once('keyVault', subscriptionId, createKeyVaultClient);
  }

  containerRegistry(subscriptionId: string): ContainerRegistryManagementClient {
    return this.once('containerRegistry', subscriptionId, createContainerRegistryClient);
  }

  /** Resource groups and tags at scope. */
  resources(subscriptionId: string): ResourceManagementClient {
    return this.once('resources', subscriptionId, createResourcesClient);
  }
}

/** The ML SDK (api 2022-10-01 built in) speaks API_VERSIONS.machineLearning through its apiVersion option. */
function createMachineLearningClient(connection: ArmConnection, subscriptionId: string): AzureMachineLearningWorkspaces {
  const sdk: typeof import('@azure/arm-machinelearning') = require('@azure/arm-machinelearning');
  return new sdk.AzureMachineLearningWorkspaces(connection.credential, subscriptionId, { ...clientOptions(connection), apiVersion: API_VERSIONS.machineLearning });
}
