/** A small client of the AML Guard HTTP API (the `exceptions` command, the demo). */
import type { ExceptionStatus, Finding, GuardException } from '../model';

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly currentStatus?: string;
  readonly limit?: number;
}

/** The server answered with an error (`status` >= 400), or could not be reached (`status` 0). */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(`${status ? `${status} ` : ''}${body.code}: ${body.message}`);
  }
}

export interface ExceptionRequestBody {
  readonly scope: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly durationHours: number;
}

export type ApiException = Omit<GuardException, 'etag'>;

/** `http://host:7071`, `http://host:7071/`, `https://app.azurewebsites.net/api` -> the `/api` base. */
export function apiBase(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = path.toLowerCase().endsWith('/api') ? path : `${path}/api`;
  u.search = '';
  u.hash = '';
  return u.toString().replace(/\/+$/, '');
}

export class AmlGuardApiClient {
  private readonly base: string;
  constructor(
    url: string,
    private readonly token: string | (() => Promise<string>),
  ) {
    this.base = apiBase(url);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = typeof this.token === 'string' ? this.token : await this.token();
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new ApiCallError(0, { code: 'Unreachable', message: `cannot reach ${this.base}: ${cause ?? (error as Error).message}` });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = (json as { error?: ApiErrorBody } | undefined)?.error;
      throw new ApiCallError(res.status, err && typeof err.message === 'string' ? err : { code: 'HttpError', message: text.slice(0, 300) || res.statusText });
    }
    return json as T;
  }

  request(body: ExceptionRequestBody): Promise<ApiException> {
    return this.call('POST', '/exceptions', body);
  }
  approve(id: string, comment?: string): Promise<ApiException> {
    return this.call('POST', `/exceptions/${encodeURIComponent(id)}/approve`, comment ? { comment } : {});
  }
  reject(id: string, reason: string): Promise<ApiException> {
    return this.call('POST', `/exceptions/${encodeURIComponent(id)}/reject`, { reason });
  }
  revoke(id: string, reason: string): Promise<ApiException> {
    return this.call('POST', `/exceptions/${encodeURIComponent(id)}/revoke`, { reason });
  }
  show(id: string): Promise<ApiException> {
    return this.call('GET', `/exceptions/${encodeURIComponent(id)}`);
  }
  async list(filter: { status?: ExceptionStatus | string; scope?: string } = {}): Promise<ApiException[]> {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const r = await this.call<{ exceptions: ApiException[] }>('GET', `/exceptions${q.size ? `?${q}` : ''}`);
    return r.exceptions;
  }
  async findings(filter: { status?: string; severity?: string; ruleId?: string } = {}): Promise<Finding[]> {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const r = await this.call<{ findings: Finding[] }>('GET', `/findings${q.size ? `?${q}` : ''}`);
    return r.findings;
  }
}
