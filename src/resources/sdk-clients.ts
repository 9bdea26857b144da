import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ConsumptionManagementClient } from '@azure/arm-consumption';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { MonitorClient } from '@azure/arm-monitor';
import type { PolicyClient } from '@azure/arm-policy';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { KeyVaultManagementClient } from '@azure/arm-keyvault';
import type { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { StorageManagementClient } from '@azure/arm-storage';

/** The official SDK client of each resource provider AML Guard calls, by name. */
export interface SdkClients {
  readonly machineLearning: AzureMachineLearningWorkspaces;
  readonly network: NetworkManagementClient;
  readonly authorization: AuthorizationManagementClient;
  readonly storage: StorageManagementClient;
  readonly keyVault: KeyVaultManagementClient;
  readonly containerRegistry: ContainerRegistryManagementClient;
  /** Resource groups and tags at scope. */
  readonly resources: ResourceManagementClient;
  readonly subscriptions: SubscriptionClient;
  /** Diagnostic settings. */
  readonly monitor: MonitorClient;
  /** Cost Management budgets. */
  readonly consumption: ConsumptionManagementClient;
  readonly policy: PolicyClient;
  /** AKS clusters behind Kubernetes compute. */
  readonly containerService: ContainerServiceClient;
}

export type SdkKind = keyof SdkClients;

/** Hands out one SDK client per (kind, subscription); the azure layer's ArmClients implements it. */
export interface SdkClientSource {
  sdk<K extends SdkKind>(kind: K, subscriptionId: string): SdkClients[K];
}
