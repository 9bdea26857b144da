import { idKey, type ArmResource } from '../../model';
import { ArmError, resourceGroupNotFound, resourceNotFound } from '../arm-error';
import { embeddedElements, embeddedSpec } from '../embedded';
import { parentOf, type ProviderPath } from '../route';
import { findResourceGroup, isResourceGroupObject, scopeExists } from '../scopes';
import type { ResourceStore } from '../store';
import { isRoleAssignment, listRoleAssignments, ROLE_ASSIGNMENT_TYPE } from './role-assignments';

/**
 * Types listed at exactly the scope asked (not below it): budgets (Budgets_List "for the defined
 * scope") and policy assignments (the sandbox holds no management groups, so `$filter=atScope()`
 * at a subscription is the assignments made at it).
 */
const SCOPE_BOUND_TYPES: ReadonlySet<string> = new Set(['microsoft.consumption/budgets', 'microsoft.authorization/policyassignments']);

/**
 * The items of a collection GET: by subscription (`/subscriptions/{s}/providers/{ns}/{type}`), by
 * group, children of a resource (stored, or embedded in the parent), or role assignments of a scope.
 */
export function listCollection(store: ResourceStore, target: ProviderPath, filter: string | null): unknown[] {
  if (target.type.toLowerCase() === ROLE_ASSIGNMENT_TYPE) return listRoleAssignments(store, target.scope, filter);
  const key = idKey(target.path);
  const parent = parentOf(target);
  if (parent) {
    const parentResource = store.get(parent.path);
    if (!parentResource) throw resourceNotFound(parent.typeAndName, parent.resourceGroup);
    const spec = embeddedSpec(parent.type, target.types[target.types.length - 1]!);
    if (spec) return embeddedElements(parentResource, spec.property);
    return store.inCollection(key);
  }
  const scopeKey = idKey(target.scope);
  if (SCOPE_BOUND_TYPES.has(target.type.toLowerCase())) return store.inCollection(key);
  if (scopeKey === idKey(`/subscriptions/${target.subscriptionId}`)) {
    const type = target.type.toLowerCase();
    const sub = `${scopeKey}/`;
    return [...store.all()].filter((r) => r.type.toLowerCase() === type && idKey(r.id).startsWith(sub));
  }
  if (target.resourceGroup !== undefined && !findResourceGroup(store, target.subscriptionId, target.resourceGroup)) {
    throw resourceGroupNotFound(target.resourceGroup);
  }
  if (!scopeExists(store, target.scope)) throw resourceNotFound(target.scope, target.resourceGroup);
  return store.inCollection(key);
}

/**
 * `/subscriptions/{s}[/resourceGroups/{rg}]/resources`: every resource in the scope except
 * resource group objects and role assignments; `$filter=resourceType eq '{type}'` narrows it.
 */
export function listGenericResources(store: ResourceStore, scope: string, filter: string | null): ArmResource[] {
  const prefix = `${idKey(scope)}/`;
  const m = filter ? /^\s*resourceType\s+eq\s+'([^']+)'\s*$/i.exec(filter) : null;
  if (filter && !m) throw new ArmError(400, 'InvalidFilter', `The sandbox supports only $filter=resourceType eq '{type}' here, not '${filter}'.`);
  const type = m?.[1]?.toLowerCase();
  return [...store.all()].filter(
    (r) => idKey(r.id).startsWith(prefix) && !isResourceGroupObject(r) && !isRoleAssignment(r) && (type === undefined || r.type.toLowerCase() === type),
  );
}
