import { ConsumptionManagementClient } from '@azure/arm-consumption';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { MonitorClient } from '@azure/arm-monitor';
import { PolicyClient } from '@azure/arm-policy';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { API_VERSIONS } from '../resources/api-versions';
import { clientOptions, type ArmConnection } from './connection';

/**
 * The clients of issue 12's reads around the workspaces: subscriptions (AML-GOV-003's subject),
 * diagnostic settings (Monitor), budgets (Consumption), policy assignments (Policy) and AKS
 * clusters (Container Service). Reads are captured in wire shape by the pipeline policy every
 * client carries (connection.ts). Consumption is a classic client: it takes the api-version as an option too.
 */
function options(connection: ArmConnection, apiVersion: string) {
  return { ...clientOptions(connection), apiVersion };
}

export function createSubscriptionClient(connection: ArmConnection): SubscriptionClient {
  return new SubscriptionClient(connection.credential, options(connection, API_VERSIONS.subscriptions));
}

export function createMonitorClient(connection: ArmConnection, subscriptionId: string): MonitorClient {
  return new MonitorClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.monitor));
}

export function createConsumptionClient(connection: ArmConnection, subscriptionId: string): ConsumptionManagementClient {
  return new ConsumptionManagementClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.consumption));
}

export function createPolicyClient(connection: ArmConnection, subscriptionId: string): PolicyClient {
  return new PolicyClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.policy));
}

export function createContainerServiceClient(connection: ArmConnection, subscriptionId: string): ContainerServiceClient {
  return new ContainerServiceClient(connection.credential, subscriptionId, options(connection, API_VERSIONS.containerService));
}
