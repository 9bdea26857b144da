/** `GET /api/me`: who the token says the caller is (oid, display name, AML Guard app roles); the console shows and hides actions with it. */
import { json } from './responses';
import { authorize, READ_ROLES } from './exceptions';
import type { ApiDeps, ApiRequest, ApiResponse } from './types';

export async function getMe(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const caller = await authorize(request, deps, READ_ROLES);
  return json(200, { oid: caller.oid, name: caller.name, roles: caller.roles });
}
