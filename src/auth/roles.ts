/** The app roles of the AML Guard API registration (infra/app-roles.json), as they appear in the `roles` claim. */
export const APP_ROLES = ['AmlGuard.Requester', 'AmlGuard.Approver', 'AmlGuard.Reader'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const REQUESTER: AppRole = 'AmlGuard.Requester';
export const APPROVER: AppRole = 'AmlGuard.Approver';
export const READER: AppRole = 'AmlGuard.Reader';

export function isAppRole(value: string): value is AppRole {
  return (APP_ROLES as readonly string[]).includes(value);
}

/** `Requester` or `AmlGuard.Requester` (any case) -> `AmlGuard.Requester`; undefined if not a role. */
export function parseAppRole(value: string): AppRole | undefined {
  const v = value.trim().toLowerCase();
  return APP_ROLES.find((r) => r.toLowerCase() === v || r.slice('AmlGuard.'.length).toLowerCase() === v);
}
