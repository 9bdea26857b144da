/**
 * `POST /console/local-sign-in {user, roles}` -> `{accessToken}`: the console's sign-in form in
 * local mode (`aml-guard serve` with its local issuer). It mints exactly what `aml-guard token`
 * mints, so it exists only where that issuer runs; the API verifies the token like any other.
 */
import { z } from 'zod';
import { ApiError, errorResponse, json } from '../api/responses';
import type { ApiRequest, ApiResponse } from '../api/types';
import { parseBody } from '../api/validation';

const bodySchema = z.strictObject({
  user: z.string({ error: 'must be a string: a user name' }).trim().min(1, 'is required: a user name such as alice').max(64, 'must be at most 64 characters'),
  roles: z.array(z.enum(['Requester', 'Approver', 'Reader'], { error: 'must be Requester, Approver or Reader' })).min(1, 'pick at least one role').max(3),
});

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type MintToken = (user: string, roles: readonly string[]) => Promise<string>;

export async function handleLocalSignIn(request: ApiRequest, mint: MintToken, headers: Record<string, string>): Promise<ApiResponse> {
  try {
    if (request.method.toUpperCase() !== 'POST') throw new ApiError(405, 'MethodNotAllowed', `${request.method} is not allowed here; use POST`, {}, { Allow: 'POST' });
    // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 must not mint tokens here.
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_NAMES.has(host)) throw new ApiError(403, 'NotLoopback', `local sign-in answers only on 127.0.0.1 / localhost, not ${JSON.stringify(host.slice(0, 100))}`);
    const body = parseBody(request, bodySchema);
    let accessToken: string;
    try {
      accessToken = await mint(body.user, body.roles);
    } catch (error) {
      throw new ApiError(400, 'InvalidBody', `user: ${(error as Error).message}`, { field: 'user' });
    }
    return json(200, { accessToken }, headers);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const r = errorResponse(error);
    return { ...r, headers: { ...r.headers, ...headers } };
  }
}
