import type { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { API_VERSIONS } from '../resources/api-versions';
import type { SdkClientSource, SdkClients, SdkKind } from '../resources';
import { createAuthorizationClient } from './authorization-client';
import { createContainerRegistryClient, createKeyVaultClient, createResourcesClient, createStorageClient } from './dependency-clients';
import { clientOptions, type ArmConnection } from './connection';
import { createConsumptionClient, createContainerServiceClient, createMonitorClient, createPolicyClient, createSubscriptionClient } from './governance-clients';
import { createNetworkClient } from './network-client';

type Factories = { readonly [K in SdkKind]: (connection: ArmConnection, subscriptionId: string) => SdkClients[K] };

const FACTORIES: Factories = {
  machineLearning: createMachineLearningClient,
  network: createNetworkClient,
  authorization: createAuthorizationClient,
  storage: createStorageClient,
  keyVault: createKeyVaultClient,
  containerRegistry: createContainerRegistryClient,
  resources: createResourcesClient,
  subscriptions: createSubscriptionClient,
  monitor: createMonitorClient,
  consumption: createConsumptionClient,
  policy: createPolicyClient,
  containerService: createContainerServiceClient,
};

/**
 * SDK clients, one per (kind, subscription), created on first use. Each resource provider's SDK is
 * `require`d by its factory when its first client is made, not imported at load: a trigger
 * loads only the SDKs it uses (cold start; `npm run bench` measures it).
 */
export class ArmClients implements SdkClientSource {
  private readonly caches: { readonly [K in SdkKind]: Map<string, SdkClients[K]> } = {
    machineLearning: new Map(),
    network: new Map(),
    authorization: new Map(),
    storage: new Map(),
    keyVault: new Map(),
    containerRegistry: new Map(),
    resources: new Map(),
    subscriptions: new Map(),
    monitor: new Map(),
    consumption: new Map(),
    policy: new Map(),
    containerService: new Map(),
  };

  constructor(readonly connection: ArmConnection) {}

  /** The client of `kind` for a subscription (what resource descriptors call). */
  sdk<K extends SdkKind>(kind: K, subscriptionId: string): SdkClients[K] {
    const key = subscriptionId.toLowerCase();
    const cache: Map<string, SdkClients[K]> = this.caches[kind];
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const make: Factories[K] = FACTORIES[kind];
    const client = make(this.connection, subscriptionId);
    cache.set(key, client);
    return client;
  }

  machineLearning(subscriptionId: string): SdkClients['machineLearning'] {
    return this.sdk('machineLearning', subscriptionId);
  }

  network(subscriptionId: string): SdkClients['network'] {
    return this.sdk('network', subscriptionId);
  }

  authorization(subscriptionId: string): SdkClients['authorization'] {
    return this.sdk('authorization', subscriptionId);
  }

  storage(subscriptionId: string): SdkClients['storage'] {
    return this.sdk('storage', subscriptionId);
  }

  keyVault(subscriptionId: string): SdkClients['keyVault'] {
    return this.sdk('keyVault', subscriptionId);
  }

  containerRegistry(subscriptionId: string): SdkClients['containerRegistry'] {
    return this.sdk('containerRegistry', subscriptionId);
  }

  /** Resource groups and tags at scope. */
  resources(subscriptionId: string): SdkClients['resources'] {
    return this.sdk('resources', subscriptionId);
  }
}

/**
 * The ML SDK (api 2022-10-01 built in) speaks API_VERSIONS.machineLearning through its apiVersion
 * option; `$host` is the ARM endpoint, for the raw requests of what the 2.1.1 SDK lacks (ML
 * registries, outbound rules), captured like a modular read by the policy every client carries.
 */
function createMachineLearningClient(connection: ArmConnection, subscriptionId: string): AzureMachineLearningWorkspaces {
  const sdk: typeof import('@azure/arm-machinelearning') = require('@azure/arm-machinelearning');
  return new sdk.AzureMachineLearningWorkspaces(connection.credential, subscriptionId, { ...clientOptions(connection), $host: clientOptions(connection).endpoint, apiVersion: API_VERSIONS.machineLearning });
}
