import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { MAX_BODY_BYTES, type ApiRequest } from '../api/types';
import { jwtAuthenticator, refusingAuthenticator, type Authenticator } from '../auth';
import { consoleSignInFromEnv, type ConsoleSignIn } from '../web/console-settings';
import { handleAppRequest } from '../web/http-handler';
import { hostContext } from './host-context';
import { startupSettings } from './startup';

/**
 * HttpRequest -> ApiRequest: path, first value of each query parameter, lower-case headers, body
 * text, and the host's route prefix. The host matched `route` (e.g. `api/exceptions/{id}`) under
 * its `routePrefix` (host.json), so the path's last segments are the route and whatever comes
 * before them is the prefix, whatever host.json says.
 */
export async function toApiRequest(request: HttpRequest, route: string): Promise<ApiRequest> {
  const url = new URL(request.url);
  const query: Record<string, string> = {};
  for (const [k, v] of request.query) if (!(k in query)) query[k] = v;
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  const { prefix, path } = splitRoutePrefix(url.pathname, route);
  return { method: request.method, path, prefix, query, headers, body: await request.text() };
}

/** `/guard/api/findings` for route `api/findings` -> prefix `/guard`, path `/api/findings`. */
export function splitRoutePrefix(pathname: string, route: string): { prefix: string; path: string } {
  const segments = pathname.replace(/\/+$/, '').split('/');
  // A template segment that matches the empty path (the console's `{empty:maxlength(0)?}`) is no segment.
  const routeSegments = route.split('/').filter((s) => s !== '' && !/^\{[^}]*\?\}$/.test(s)).length;
  const cut = Math.max(1, segments.length - routeSegments);
  return { prefix: segments.slice(0, cut).join('/'), path: `/${segments.slice(cut).join('/')}` };
}

/** One authenticator per worker process: jose caches the JWKS in it. */
let authenticator: Authenticator | undefined;
let consoleSignIn: ConsoleSignIn | undefined;

function hostAuthenticator(): Authenticator {
  const { auth } = startupSettings();
  authenticator ??= auth.ok ? jwtAuthenticator(auth.config) : refusingAuthenticator(auth.reason);
  return authenticator;
}

/** The HTTP trigger of one route (the JSON API or the approval console): adapt, delegate to src/web's entry point, adapt back. */
export function httpApi(route: string): HttpHandler {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
      return { status: 413, jsonBody: { error: { code: 'BodyTooLarge', message: `the request body must be at most ${MAX_BODY_BYTES} bytes` } } };
    }
    consoleSignIn ??= consoleSignInFromEnv(process.env);
    const ctx = await hostContext(invocation);
    const apiRequest = await toApiRequest(request, route);
    const res = await handleAppRequest(apiRequest, { api: { ctx, auth: hostAuthenticator() }, console: { signIn: consoleSignIn, apiBase: `${apiRequest.prefix ?? ''}/api` } });
    return { status: res.status, headers: { ...res.headers }, ...(res.json !== undefined ? { jsonBody: res.json } : res.raw !== undefined ? { body: res.raw } : {}) };
  };
}
