import { tryParseArmId } from '../../model';

const MARKER = '/providers/microsoft.authorization/roleassignments/';
const MANAGEMENT_GROUP = /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/i;

export type ScopeLevel = 'root' | 'management-group' | 'subscription' | 'resource-group' | 'resource' | 'unknown';

/** The scope of a role assignment: `properties.scope`, else what precedes `/providers/Microsoft.Authorization/roleAssignments/` in its id. */
export function assignmentScope(id: string, declared: string | null | undefined): string {
  if (declared && declared.trim() !== '') return declared.trim();
  const at = id.toLowerCase().lastIndexOf(MARKER);
  return at > 0 ? id.slice(0, at) : '/';
}

/** How broad a scope is. */
export function scopeLevel(scope: string): ScopeLevel {
  const s = scope.trim().replace(/\/+$/, '');
  if (s === '') return 'root';
  if (MANAGEMENT_GROUP.test(s)) return 'management-group';
  const p = tryParseArmId(s);
  if (!p) return 'unknown';
  if (p.provider) return 'resource';
  return p.resourceGroup ? 'resource-group' : 'subscription';
}
