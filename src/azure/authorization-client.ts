import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import { clientOptions, type ArmConnection } from './connection';

/**
 * @azure/arm-authorization v9 pins each operation's api-version (role assignments:
 * 2022-04-01, API_VERSIONS.authorization); it has no apiVersion option. Its operations put
 * `scope` and `roleAssignmentId` into the path after a `/`, unencoded: pass them without the
 * leading slash (`armPath`, src/resources/role-assignment.ts).
 */
export function createAuthorizationClient(connection: ArmConnection, subscriptionId: string): AuthorizationManagementClient {
  const sdk: typeof import('@azure/arm-authorization') = require('@azure/arm-authorization');
  return new sdk.AuthorizationManagementClient(connection.credential, subscriptionId, clientOptions(connection));
}
