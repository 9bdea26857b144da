/** Built-in roles that can change or grant anything in their scope (well-known, tenant-independent GUIDs). */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** The privileged built-in role a role definition id names (`/subscriptions/{s}/providers/...` or `/providers/...` form), if any. */
export function privilegedRoleName(roleDefinitionId: string): string | undefined {
  const guid = roleDefinitionId.trim().replace(/\/+$/, '').split('/').pop()?.toLowerCase() ?? '';
  return PRIVILEGED_ROLES[guid];
}
