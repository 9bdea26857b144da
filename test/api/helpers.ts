import { handleApiRequest, type ApiDeps, type ApiRequest, type ApiResponse } from '../../src/api';

export const REQUESTER_OID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const APPROVER_OID = 'bbbbbbbb-0000-4000-8000-000000000002';
export const APPROVER2_OID = 'cccccccc-0000-4000-8000-000000000003';
export const READER_OID = 'dddddddd-0000-4000-8000-000000000004';

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly query?: Record<string, string>;
}

/** Calls the API exactly as an adapter would: method, path, query, lower-case headers, body text. */
export function call(deps: ApiDeps, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const request: ApiRequest = {
    method,
    path,
    query: options.query ?? {},
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), 'content-type': 'application/json' },
    body: options.body === undefined ? '' : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  };
  return handleApiRequest(request, deps);
}

export function errorOf(res: ApiResponse): { code: string; message: string; field?: string; currentStatus?: string; limit?: number } {
  return (res.json as { error: { code: string; message: string } }).error;
}
