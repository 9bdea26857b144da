/**
 * Why a call was not authenticated or not authorised. `status` is the HTTP status to answer;
 * `wwwAuthenticate` the RFC 6750 challenge. Messages are safe to show to the caller.
 */
export type AuthErrorCode = 'MissingToken' | 'InvalidToken' | 'MissingRole' | 'AuthNotConfigured' | 'AuthUnavailable';

const STATUS: Record<AuthErrorCode, 401 | 403 | 503> = {
  MissingToken: 401,
  InvalidToken: 401,
  MissingRole: 403,
  AuthNotConfigured: 503,
  AuthUnavailable: 503,
};

const REALM = 'aml-guard';

/** Quoted-string safe: no quotes, backslashes or control characters in a header value. */
function quoted(text: string): string {
  return text.replace(/["\\\u0000-\u001f\u007f]/g, ' ').slice(0, 200);
}

export class AuthError extends Error {
  override name = 'AuthError';
  readonly status: 401 | 403 | 503;
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /** RFC 6750 §3: no error code when no credentials were presented; invalid_token / insufficient_scope otherwise. */
  get wwwAuthenticate(): string | undefined {
    if (this.code === 'MissingToken') return `Bearer realm="${REALM}"`;
    if (this.code === 'InvalidToken') return `Bearer realm="${REALM}", error="invalid_token", error_description="${quoted(this.message)}"`;
    if (this.code === 'MissingRole') return `Bearer realm="${REALM}", error="insufficient_scope", error_description="${quoted(this.message)}"`;
    return undefined;
  }
}
