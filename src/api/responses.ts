import { AuthError } from '../auth';
import type { ApiResponse } from './types';

// A JSON answer is never a page: nothing may run, load or frame it.
const BASE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...BASE_HEADERS, ...headers }, json: body };
}

/** The error body of every non-2xx answer: `{error: {code, message, field?, ...}}`. Never a stack trace. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { readonly field?: string; readonly currentStatus?: string; readonly limit?: number } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorResponse(e: ApiError): ApiResponse {
  return json(e.status, { error: { code: e.code, message: e.message, ...e.extra } }, e.headers);
}

export function authErrorResponse(e: AuthError): ApiResponse {
  const challenge = e.wwwAuthenticate;
  return json(e.status, { error: { code: e.code, message: e.message } }, challenge ? { 'WWW-Authenticate': challenge } : {});
}
