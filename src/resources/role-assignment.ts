import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** The authorization SDK puts ids into its path after a `/`, unencoded: no leading slash. */
export function armPath(id: string): string {
  return id.trim().replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * Role assignment at any scope, read by its full id; listed per principal from the
 * subscription. Deleting one is opt-in: only the separate "Role Assignment Remover" role grants it.
 */
export const roleAssignment = describeType({
  armType: 'Microsoft.Authorization/roleAssignments',
  apiVersion: API_VERSIONS.authorization,
  read: sdkRead('authorization', 'options', (c, id, o) => c.roleAssignments.getById(armPath(id.id), o)),
  resourceGraph: { table: 'authorizationresources', type: 'microsoft.authorization/roleassignments' },
  eventPrefix: 'Microsoft.Authorization/roleAssignments',
  remediations: { actions: ['delete-role-assignment'] },
  rbac: { read: [{ action: 'Microsoft.Authorization/roleAssignments/read', for: 'over-broad role assignments on ML resources' }], optIn: [{ action: 'Microsoft.Authorization/roleAssignments/delete', for: 'remove a flagged role assignment, only with `AMLGUARD_ALLOW_ROLE_ASSIGNMENT_DELETION=true`' }] },
});
