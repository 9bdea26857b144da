import { NetworkManagementClient } from '@azure/arm-network';
import { clientOptions, type ArmConnection } from './connection';

/**
 * @azure/arm-network v39 is a "modular" client: its api-version (2026-01-01, API_VERSIONS.network)
 * is fixed per operation, so there is no apiVersion option. Reads are captured by the pipeline's
 * wire-capture policy (see wire-scope.ts), since `onResponse` misses list pages after the first.
 */
export function createNetworkClient(connection: ArmConnection, subscriptionId: string): NetworkManagementClient {
  return new NetworkManagementClient(connection.credential, subscriptionId, clientOptions(connection));
}
