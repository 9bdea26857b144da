/** The JSON API with a bearer token; every answer validated, every refusal an Error carrying the API's message. */
import type * as z from 'zod/mini';
import { apiErrorSchema, apiExceptionSchema, exceptionsSchema, findingsSchema, kpisSchema, meSchema, rulesSchema, type ApiException } from './schemas';

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type TokenSource = () => Promise<string>;

export class Api {
  constructor(
    private readonly base: string,
    private readonly token: TokenSource,
  ) {}

  private async call<T>(schema: z.ZodMiniType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await this.token()}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const payload: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const err = apiErrorSchema.safeParse(payload);
      throw new ApiRefusal(res.status, err.success ? err.data.error.message : `the API answered ${res.status}`);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new Error(`unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }

  me() {
    return this.call(meSchema, 'GET', '/me');
  }
  rules() {
    return this.call(rulesSchema, 'GET', '/rules');
  }
  exceptions(status?: string) {
    return this.call(exceptionsSchema, 'GET', `/exceptions${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  }
  findings(filters: Readonly<Record<string, string>> = {}) {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    const qs = q.toString();
    return this.call(findingsSchema, 'GET', `/findings${qs ? `?${qs}` : ''}`);
  }
  kpis() {
    return this.call(kpisSchema, 'GET', '/kpis');
  }
  request(body: { scope: string; ruleId: string; reason: string; durationHours: number }): Promise<ApiException> {
    return this.call(apiExceptionSchema, 'POST', '/exceptions', body);
  }
  decide(id: string, action: 'approve' | 'reject' | 'revoke', text: string): Promise<ApiException> {
    const body = action === 'approve' ? (text ? { comment: text } : {}) : { reason: text };
    return this.call(apiExceptionSchema, 'POST', `/exceptions/${encodeURIComponent(id)}/${action}`, body);
  }
}
