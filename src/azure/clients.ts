import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { StorageManagementClient } from '@azure/arm-storage';
import { API_VERSIONS } from './api-versions';
import { createAuthorizationClient } from './authorization-client';
import { createContainerRegistryClient, createKeyVaultClient, createResourcesClient, createStorageClient } from './dependency-clients';
import { clientOptions, type ArmConnection } from './connection';
import { createNetworkClient } from './network-client';

/** SDK clients, one per subscription, created on first use. */
export class ArmClients {
  private readonly ml = new Map<string, AzureMachineLearningWorkspaces>();

  constructor(readonly connection: ArmConnection) {}

  machineLearning(subscriptionId: string): AzureMachineLearningWorkspaces {
    const key = subscriptionId.toLowerCase();
    let client = this.ml.get(key);
    if (!client) {
      client = new AzureMachineLearningWorkspaces(this.connection.credential, subscriptionId, {
        ...clientOptions(this.connection),
        apiVersion: API_VERSIONS.machineLearning,
      });
      this.ml.set(key, client);
    }
    return client;
  }

  private readonly net = new Map<string, NetworkManagementClient>();

  network(subscriptionId: string): NetworkManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.net.get(key);
    if (!client) {
      client = createNetworkClient(this.connection, subscriptionId);
      this.net.set(key, client);
    }
    return client;
  }

  private readonly authz = new Map<string, AuthorizationManagementClient>();

  authorization(subscriptionId: string): AuthorizationManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.authz.get(key);
    if (!client) {
      client = createAuthorizationClient(this.connection, subscriptionId);
      this.authz.set(key, client);
    }
    return client;
  }

  private readonly dependencies = new Map<string, unknown>();

  /** One client per (kind, subscription), created by `make` on first use. */
  private once<T>(kind: string, subscriptionId: string, make: (connection: ArmConnection, subscriptionId: string) => T): T {
    const key = `${kind}|${subscriptionId.toLowerCase()}`;
    if (!this.dependencies.has(key)) this.dependencies.set(key, make(this.connection, subscriptionId));
    return this.dependencies.get(key) as T;
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
