import { isRestError } from '@azure/core-rest-pipeline';

export function isNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404;
}

/** ARM refused the caller (401, 403: no role assignment grants the read at that scope). */
export function isRefused(error: unknown): boolean {
  return isRestError(error) && (error.statusCode === 403 || error.statusCode === 401);
}

/** One line for people and the audit table: `HTTP 409 Conflict: message`, no stack. */
export function describeArmError(error: unknown): string {
  if (isRestError(error)) {
    const code = error.code ? ` ${error.code}` : '';
    const status = error.statusCode ? `HTTP ${error.statusCode}` : 'request failed';
    return `${status}${code}: ${firstLine(error.message)}`;
  }
  if (error instanceof Error) return firstLine(error.message);
  return String(error);
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
