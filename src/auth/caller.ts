import type { AppRole } from './roles';

/** Who is calling, from a verified token. The identity is the Entra object id (`oid`), never `sub`. */
export interface Caller {
  /** Entra object id of the user or service principal. */
  readonly oid: string;
  /** For display only: `preferred_username`, else `upn`, else `name`, else the oid. */
  readonly name: string;
  readonly tenantId?: string;
  /** The AML Guard app roles the token carries (other roles are ignored). */
  readonly roles: readonly AppRole[];
}

export function hasRole(caller: Caller, role: AppRole): boolean {
  return caller.roles.includes(role);
}
