/**
 * Azure RBAC evaluation of control-plane actions, as role definitions state them
 * (https://learn.microsoft.com/azure/role-based-access-control/role-definitions):
 * - an action string is compared case-insensitively;
 * - `*` is a wildcard for any run of characters, `/` included (`*\/read`, `Microsoft.Network/*`,
 *   `Microsoft.MachineLearningServices/workspaces/*\/read`); a string may hold several;
 * - within one `permissions` entry, `notActions` subtract from `actions` (they do not deny: another
 *   entry or another role may still grant the action);
 * - a principal holding several roles gets the union of what each grants.
 * Data actions, conditions and deny assignments are not modelled (AML Guard uses none).
 */

export interface RolePermission {
  readonly actions: readonly string[];
  readonly notActions?: readonly string[];
}

export interface RoleDefinition {
  readonly roleName: string;
  readonly permissions: readonly RolePermission[];
}

const compiled = new Map<string, RegExp>();

/** Whether an action pattern of a role definition matches `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    compiled.set(pattern, re);
  }
  return re.test(action);
}

/** Whether one permissions entry grants `action`: some action matches and no notAction does. */
export function permissionGrants(permission: RolePermission, action: string): boolean {
  return permission.actions.some((p) => actionMatches(p, action)) && !(permission.notActions ?? []).some((p) => actionMatches(p, action));
}

/** Whether any of the roles grants `action`. */
export function rolesGrant(roles: readonly RoleDefinition[], action: string): boolean {
  return roles.some((role) => role.permissions.some((permission) => permissionGrants(permission, action)));
}
