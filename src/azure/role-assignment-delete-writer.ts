import { parseArmId, type ArmResource, type JsonValue } from '../model';
import { armPath } from '../resources/role-assignment';
import type { Writer } from './writer';

/** What the audit keeps of a role assignment, enough to re-create it: role, principal, scope. */
function assignmentRecord(resource: ArmResource): JsonValue {
  const p = resource.properties ?? {};
  const pick = (k: string): JsonValue => (typeof p[k] === 'string' ? (p[k] as string) : null);
  return { id: resource.id, roleDefinitionId: pick('roleDefinitionId'), principalId: pick('principalId'), principalType: pick('principalType'), scope: pick('scope') };
}

/**
 * `delete-role-assignment`: DELETE the assignment by id (`roleAssignments.deleteById`, any scope).
 * The value it changes is the assignment itself: before = its role / principal / scope (so the
 * audit entry can restore it), desired and after = null (gone). A 404 on the re-read means
 * someone removed it already: nothing is sent. Only proposed when deletion is enabled in config.
 */
export const roleAssignmentDeleteWriter: Writer<'delete-role-assignment'> = {
  kind: 'delete-role-assignment',
  supports: () => true,
  current: (_a, resource) => assignmentRecord(resource),
  desired: () => null,
  write: async (clients, a) => {
    await clients.authorization(parseArmId(a.resourceId).subscriptionId).roleAssignments.deleteById(armPath(a.resourceId));
  },
};
