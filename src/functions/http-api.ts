import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { MAX_BODY_BYTES, type ApiRequest } from '../api/types';
import { authenticatorFromEnv, type Authenticator } from '../auth';
import { consoleSignInFromEnv, type ConsoleSignIn } from '../web/console-settings';
import { handleAppRequest } from '../web/http-handler';
import { hostContext } from './host-context';

/** HttpRequest -> ApiRequest: path, first value of each query parameter, lower-case headers, body text. */
export async function toApiRequest(request: HttpRequest): Promise<ApiRequest> {
  const url = new URL(request.url);
  const query: Record<string, string> = {};
  for (const [k, v] of request.query) if (!(k in query)) query[k] = v;
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  return { method: request.method, path: url.pathname, query, headers, body: await request.text() };
}

/** One authenticator per worker process: jose caches the JWKS in it. */
let authenticator: Authenticator | undefined;
let consoleSignIn: ConsoleSignIn | undefined;

/** Every HTTP trigger (the JSON API and the approval console): adapt, delegate to src/web's entry point, adapt back. */
export async function httpApi(request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return { status: 413, jsonBody: { error: { code: 'BodyTooLarge', message: `the request body must be at most ${MAX_BODY_BYTES} bytes` } } };
  }
  authenticator ??= authenticatorFromEnv(process.env);
  consoleSignIn ??= consoleSignInFromEnv(process.env);
  const ctx = await hostContext(invocation);
  const res = await handleAppRequest(await toApiRequest(request), { api: { ctx, auth: authenticator }, console: { signIn: consoleSignIn, apiBase: '/api' } });
  return { status: res.status, headers: { ...res.headers }, ...(res.json !== undefined ? { jsonBody: res.json } : res.raw !== undefined ? { body: res.raw } : {}) };
}
