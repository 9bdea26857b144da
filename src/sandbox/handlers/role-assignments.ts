import { idKey, type ArmResource } from '../../model';
import { ArmError } from '../arm-error';
import type { ResourceStore } from '../store';

export const ROLE_ASSIGNMENT_TYPE = 'microsoft.authorization/roleassignments';
const MARKER = '/providers/microsoft.authorization/roleassignments/';

export function isRoleAssignment(r: ArmResource): boolean {
  return r.type.toLowerCase() === ROLE_ASSIGNMENT_TYPE;
}

/** The scope an assignment applies at: `properties.scope`, else what precedes `/providers/Microsoft.Authorization/roleAssignments/`. */
export function assignmentScope(r: ArmResource): string {
  const s = r.properties?.scope;
  if (typeof s === 'string' && s !== '') return s;
  const at = r.id.toLowerCase().lastIndexOf(MARKER);
  return at >= 0 ? r.id.slice(0, at) || '/' : r.id;
}

function assignmentPrincipal(r: ArmResource): string | undefined {
  const p = r.properties?.principalId;
  return typeof p === 'string' ? p : undefined;
}

type Relation = 'at' | 'above' | 'below' | 'none';

function relation(assignment: string, scope: string): Relation {
  const a = idKey(assignment);
  const s = idKey(scope);
  if (a === s) return 'at';
  if (s.startsWith(`${a}/`) || a === '') return 'above';
  if (a.startsWith(`${s}/`)) return 'below';
  return 'none';
}

interface Filter {
  readonly relations: readonly Relation[];
  readonly principalId?: string;
}

/**
 * ARM's `$filter` for role assignments: none = at, above and below the scope; `atScope()` = at
 * or above; `principalId eq '{id}'` / `assignedTo('{id}')` = at, above or below for that principal
 * (group membership is not modelled); `atScope() and principalId eq '{id}'` combines both.
 */
export function parseRoleAssignmentFilter(filter: string | null): Filter {
  const all: Relation[] = ['at', 'above', 'below'];
  const f = (filter ?? '').trim();
  if (f === '') return { relations: all };
  if (/^atScope\(\)$/i.test(f)) return { relations: ['at', 'above'] };
  let m = /^(?:principalId\s+eq\s+'([^']+)'|assignedTo\('([^']+)'\))$/i.exec(f);
  if (m) return { relations: all, principalId: (m[1] ?? m[2])! };
  m = /^atScope\(\)\s+and\s+(?:principalId\s+eq\s+'([^']+)'|assignedTo\('([^']+)'\))$/i.exec(f);
  if (m) return { relations: ['at', 'above'], principalId: (m[1] ?? m[2])! };
  throw new ArmError(400, 'UnsupportedQuery', `The filter '${f}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or assignedTo('{value}')'.`);
}

/** Role assignments visible from `scope` under the filter, in store order. */
export function listRoleAssignments(store: ResourceStore, scope: string, filter: string | null): ArmResource[] {
  const f = parseRoleAssignmentFilter(filter);
  const principal = f.principalId?.toLowerCase();
  const out: ArmResource[] = [];
  for (const r of store.all()) {
    if (!isRoleAssignment(r)) continue;
    if (!f.relations.includes(relation(assignmentScope(r), scope))) continue;
    if (principal !== undefined && assignmentPrincipal(r)?.toLowerCase() !== principal) continue;
    out.push(r);
  }
  return out;
}
