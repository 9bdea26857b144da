import type { Authenticator } from '../auth';
import type { GuardContext } from '../engine/context';

/** What a handler sees of an HTTP request: header names in lower case, one value per query parameter. */
export interface ApiRequest {
  readonly method: string;
  /** URL path without the query, e.g. `/api/exceptions/4f.../approve`. */
  readonly path: string;
  /**
   * Where the API's routes start in `path` (the Functions host's `routePrefix`, as a path):
   * `/api` when absent, `''` for an empty prefix.
   */
  readonly base?: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text ('' when none). */
  readonly body: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body (undefined: no body). */
  readonly json: unknown;
}

export interface ApiDeps {
  readonly ctx: GuardContext;
  readonly auth: Authenticator;
}

/** A handler: pure request -> response over the engine; never throws (errors become JSON responses). */
export type ApiHandler = (request: ApiRequest, deps: ApiDeps) => Promise<ApiResponse>;

/** The API's root when a request names none: the Functions host's default `routePrefix`. */
export const DEFAULT_API_BASE = '/api';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;
