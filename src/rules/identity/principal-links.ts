import { isGuid, type ArmResource } from '../../model';

/**
 * Managed identities in the link index: a workspace or compute links to `/principals/{objectId}`
 * (relation `identity`) for each of its system- and user-assigned identities, so a role
 * assignment naming that principal finds the ML resources it empowers.
 */
export function principalKey(principalId: string): string {
  return `/principals/${principalId.trim().toLowerCase()}`;
}

/** Object ids of a resource's managed identities: the system-assigned one and each user-assigned one (GUIDs only, each once, lower case). */
export function managedPrincipals(resource: ArmResource): string[] {
  const identity = resource.identity;
  if (!identity) return [];
  const ids = [identity.principalId, ...Object.values(identity.userAssignedIdentities ?? {}).map((u) => u?.principalId)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && isGuid(id.trim())).map((id) => id.trim().toLowerCase()))];
}
