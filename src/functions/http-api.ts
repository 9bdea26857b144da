import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { handleApiRequest } from '../api/router';
import { MAX_BODY_BYTES, type ApiRequest } from '../api/types';
import { jwtAuthenticator, refusingAuthenticator, type Authenticator } from '../auth';
import { hostContext } from './host-context';
import { startupSettings } from './startup';

/**
 * HttpRequest -> ApiRequest: path, first value of each query parameter, lower-case headers, body
 * text, and the API root. The host matched `route` (e.g. `exceptions/{id}`) under its
 * `routePrefix` (host.json, default `api`), so the path's last segments are the route and what
 * comes before them is the prefix, whatever host.json says.
 */
export async function toApiRequest(request: HttpRequest, route: string): Promise<ApiRequest> {
  const url = new URL(request.url);
  const query: Record<string, string> = {};
  for (const [k, v] of request.query) if (!(k in query)) query[k] = v;
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  const path = url.pathname.replace(/\/+$/, '');
  const segments = path.split('/');
  const base = segments.slice(0, Math.max(1, segments.length - route.split('/').length)).join('/');
  return { method: request.method, path, base, query, headers, body: await request.text() };
}

/** One authenticator per worker process: jose caches the JWKS in it. */
let authenticator: Authenticator | undefined;

function hostAuthenticator(): Authenticator {
  const { auth } = startupSettings();
  authenticator ??= auth.ok ? jwtAuthenticator(auth.config) : refusingAuthenticator(auth.reason);
  return authenticator;
}

/** The HTTP trigger of one API route: adapt, delegate to src/api, adapt back. */
export function httpApi(route: string): HttpHandler {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
      return { status: 413, jsonBody: { error: { code: 'BodyTooLarge', message: `the request body must be at most ${MAX_BODY_BYTES} bytes` } } };
    }
    const ctx = await hostContext(invocation);
    const res = await handleApiRequest(await toApiRequest(request, route), { ctx, auth: hostAuthenticator() });
    return { status: res.status, headers: { ...res.headers }, ...(res.json !== undefined ? { jsonBody: res.json } : {}) };
  };
}
