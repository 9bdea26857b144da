/**
 * The one entry point of the HTTP API: `handleApiRequest(request, deps)`. The Functions
 * registrations and `aml-guard serve` both adapt their HTTP requests to it and nothing more.
 * Every answer is JSON; an unexpected error is a 500 with an id to find it in the log, never a stack.
 */
import { randomUUID } from 'node:crypto';
import { AuthError } from '../auth';
import { approve, getException, getExceptions, postException, reject, revoke } from './exceptions';
import { getFindings } from './findings';
import { getKpis } from './kpis';
import { getMe } from './me';
import { getRules } from './rules';
import { ApiError, authErrorResponse, errorResponse, json } from './responses';
import type { ApiDeps, ApiRequest, ApiResponse } from './types';

type Bound = (request: ApiRequest, deps: ApiDeps, params: readonly string[]) => Promise<ApiResponse>;

interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, Bound>>;
}

const ACTIONS: Record<string, (request: ApiRequest, deps: ApiDeps, id: string) => Promise<ApiResponse>> = { approve, reject, revoke };

const ROUTES: readonly Route[] = [
  { pattern: /^\/api\/exceptions$/i, methods: { GET: (r, d) => getExceptions(r, d), POST: (r, d) => postException(r, d) } },
  { pattern: /^\/api\/exceptions\/([^/]+)$/i, methods: { GET: (r, d, [id]) => getException(r, d, id!) } },
  {
    pattern: /^\/api\/exceptions\/([^/]+)\/([^/]+)$/i,
    methods: {
      POST: async (r, d, [id, action]) => {
        const handler = ACTIONS[action!.toLowerCase()];
        if (!handler) throw new ApiError(404, 'NotFound', `unknown action ${JSON.stringify(action!.slice(0, 32))}: use approve, reject or revoke`);
        return handler(r, d, id!);
      },
    },
  },
  { pattern: /^\/api\/findings$/i, methods: { GET: (r, d) => getFindings(r, d) } },
  { pattern: /^\/api\/rules$/i, methods: { GET: (r, d) => getRules(r, d) } },
  { pattern: /^\/api\/me$/i, methods: { GET: (r, d) => getMe(r, d) } },
  {
    pattern: /^\/api\/kpis$/i,
    methods: {
      GET: async (r, d) => {
        const res = await getKpis({ store: d.ctx.store, authenticator: d.auth, now: d.ctx.clock }, r);
        return json(res.status, res.json, { ...(res.headers ?? {}) });
      },
    },
  },
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function handleApiRequest(request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const path = request.path.replace(/\/+$/, '') || '/';
  const method = request.method.toUpperCase();
  try {
    for (const route of ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const handler = route.methods[method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(', ');
        throw new ApiError(405, 'MethodNotAllowed', `${method} is not allowed here; use ${allow}`, {}, { Allow: allow });
      }
      return await handler(request, deps, m.slice(1).map(decode));
    }
    throw new ApiError(404, 'NotFound', `no such endpoint: ${method} ${path.slice(0, 200)}`);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    if (error instanceof AuthError) return authErrorResponse(error);
    const id = randomUUID();
    deps.ctx.log.error(`API ${method} ${path.slice(0, 200)} failed (error id ${id}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return json(500, { error: { code: 'InternalError', message: `internal error (id ${id}); the service log has the details` } });
  }
}
