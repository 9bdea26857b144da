import type { NetworkManagementClient } from '@azure/arm-network';
import { clientOptions, type ArmConnection } from './connection';

/**
 * @azure/arm-network v39 is a "modular" client: its api-version (2026-01-01, API_VERSIONS.network)
 * is fixed per operation, so there is no apiVersion option. Reads are captured by the pipeline's
 * wire-capture policy (see wire-scope.ts), since `onResponse` misses list pages after the first.
 * Loaded on first use (cold start: the largest SDK the app has).
 */
export function createNetworkClient(connection: ArmConnection, subscriptionId: string): NetworkManagementClient {
  const sdk: typeof import('@azure/arm-network') = require('@azure/arm-network');
  return new sdk.NetworkManagementClient(connection.credential, subscriptionId, clientOptions(connection));
}
