/**
 * `GET /api/kpis[?since=ISO]`: the governance KPIs (see engine/kpis.ts; field names are a
 * contract). Pure request -> response: the Functions registration only adapts HTTP to this.
 * Callers need the `AmlGuard.Reader` (or `AmlGuard.Approver`) app role.
 */
import { APPROVER, AuthError, READER, hasRole, type Authenticator } from '../auth';
import { computeKpis, KpiWindowError } from '../engine/kpis';
import type { GuardStore } from '../store';

/** The part of ApiRequest (./types) this handler reads: header names in lower case. The router (./router) passes its ApiRequest. */
export interface KpisApiRequest {
  readonly method: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface KpisApiResponse {
  readonly status: number;
  readonly json: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface KpisApiDeps {
  readonly store: GuardStore;
  readonly authenticator: Authenticator;
  readonly now: () => Date;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): KpisApiResponse {
  return { status, json: { error: { code, message } }, headers: { ...NO_STORE, ...headers } };
}

export async function getKpis(deps: KpisApiDeps, request: KpisApiRequest): Promise<KpisApiResponse> {
  if (request.method.toUpperCase() !== 'GET') return error(405, 'MethodNotAllowed', `${request.method} is not allowed on /api/kpis; use GET`, { Allow: 'GET' });
  try {
    const caller = await deps.authenticator.authenticate(request.headers.authorization);
    if (!hasRole(caller, READER) && !hasRole(caller, APPROVER)) throw new AuthError('MissingRole', `reading KPIs needs the ${READER} app role`);
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const challenge = e.wwwAuthenticate;
    return error(e.status, e.code, e.message, challenge ? { 'WWW-Authenticate': challenge } : {});
  }
  const since = request.query.since;
  if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(Date.parse(since)))) {
    return error(400, 'InvalidQuery', `since: ${JSON.stringify(since.slice(0, 64))} is not an ISO 8601 time`);
  }
  try {
    const kpis = await computeKpis(deps.store, { now: deps.now(), ...(since !== undefined ? { since } : {}) });
    return { status: 200, json: kpis, headers: NO_STORE };
  } catch (e) {
    if (e instanceof KpiWindowError) return error(400, 'InvalidQuery', e.message);
    throw e;
  }
}
