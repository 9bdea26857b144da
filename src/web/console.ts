/**
 * The approval console over HTTP: `GET /` (the page), `/console/*` (its script, style, icon and
 * sign-in configuration). Every answer carries the strict security headers. The page talks to
 * the JSON API under `apiBase` with a bearer token; it holds no logic the API does not enforce.
 */
import type { ApiRequest, ApiResponse } from '../api/types';
import { consoleAsset } from './assets';
import type { ConsoleSignIn } from './console-settings';
import { securityHeaders } from './security-headers';

export interface ConsoleOptions {
  readonly signIn: ConsoleSignIn;
  /** Where the JSON API is, as a path (`/api`). */
  readonly apiBase: string;
}

/** What `GET /console/config.json` answers (public: no secrets). */
export interface ConsoleConfig {
  readonly apiBase: string;
  readonly signIn: ConsoleSignIn;
}

export const LOCAL_SIGN_IN_PATH = '/console/local-sign-in';

function page(status: number, options: ConsoleOptions, contentType: string, raw: string | Uint8Array, cache: string): ApiResponse {
  return { status, headers: { ...securityHeaders(options.signIn), 'Content-Type': contentType, 'Cache-Control': cache }, json: undefined, raw };
}

export function isConsolePath(path: string): boolean {
  return path === '/' || path === '/index.html' || path.toLowerCase().startsWith('/console/');
}

/** The console's answer to a request, or undefined when the path is not the console's. */
export function handleConsoleRequest(request: Pick<ApiRequest, 'method' | 'path'>, options: ConsoleOptions): ApiResponse | undefined {
  const path = request.path === '/index.html' ? '/' : request.path;
  if (!isConsolePath(path) || path === LOCAL_SIGN_IN_PATH) return undefined;
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    const r = page(405, options, 'text/plain; charset=utf-8', `${method} is not allowed here; use GET`, 'no-store');
    return { ...r, headers: { ...r.headers, Allow: 'GET, HEAD' } };
  }
  if (path === '/console/config.json') {
    const config: ConsoleConfig = { apiBase: options.apiBase, signIn: options.signIn };
    return page(200, options, 'application/json; charset=utf-8', JSON.stringify(config), 'no-store');
  }
  let asset;
  try {
    asset = consoleAsset(path);
  } catch (error) {
    return page(503, options, 'text/plain; charset=utf-8', (error as Error).message, 'no-store');
  }
  if (!asset) return page(404, options, 'text/plain; charset=utf-8', 'not found', 'no-store');
  return page(200, options, asset.contentType, asset.body, path === '/' ? 'no-store' : 'no-cache');
}
