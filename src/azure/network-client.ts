import type { NetworkManagementClient } from '@azure/arm-network';
import { clientOptions, type ArmConnection } from './connection';
import { wireCapturePolicy } from './wire-scope';

/**
 * @azure/arm-network v39 is a "modular" client: its api-version (2026-01-01, API_VERSIONS.network)
 * is fixed per operation, so there is no apiVersion option. Its pipeline carries the wire-capture
 * policy (see wire-scope.ts), since `onResponse` misses list pages after the first. Loaded on
 * first use (cold start: the package is the largest the app has; see sdk-loading note in clients.ts).
 */
export function createNetworkClient(connection: ArmConnection, subscriptionId: string): NetworkManagementClient {
  const sdk: typeof import('@azure/arm-network') = require('@azure/arm-network');
  const options = clientOptions(connection);
  return new sdk.NetworkManagementClient(connection.credential, subscriptionId, {
    ...options,
    additionalPolicies: [...options.additionalPolicies, { policy: wireCapturePolicy, position: 'perCall' }],
  });
}
