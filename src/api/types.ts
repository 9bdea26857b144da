import type { Authenticator } from '../auth';
import type { GuardContext } from '../engine/context';

/** What a handler sees of an HTTP request: header names in lower case, one value per query parameter. */
export interface ApiRequest {
  readonly method: string;
  /** URL path without the query and without `prefix`, e.g. `/api/exceptions/4f.../approve`. */
  readonly path: string;
  /**
   * The Functions host's `routePrefix` (host.json) as a path, `''` when empty (the default here):
   * the URLs the API hands out (Location) start with it.
   */
  readonly prefix?: string;
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
  /** A body that is not JSON (the console's pages and assets; `Content-Type` in `headers`), used when `json` is undefined. */
  readonly raw?: string | Uint8Array;
}

export interface ApiDeps {
  readonly ctx: GuardContext;
  readonly auth: Authenticator;
}

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;
