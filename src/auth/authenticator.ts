import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Caller } from './caller';
import { authSettingsFromEnv, parseAuthConfig, type AuthConfig } from './config';
import { AuthError } from './errors';
import { isAppRole, type AppRole } from './roles';

/** Turns an `Authorization` header into a verified Caller, or throws AuthError. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

/** Asymmetric algorithms only: `none` and HMAC (HS256 keyed with a public key) can never verify. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;
/** Small: covers clock skew between the issuer and this host, nothing more. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Entra access tokens are a few KB; anything far larger is refused before parsing. */
const MAX_TOKEN_CHARS = 16 * 1024;

const claimsSchema = z.looseObject({
  oid: z.string({ error: 'the token has no oid claim' }).trim().min(1, 'the token has an empty oid claim').max(128),
  tid: z.string().optional(),
  roles: z.array(z.string()).optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
  name: z.string().optional(),
});

/** jose errors that mean "this token is not acceptable" (401); anything else is our failure to check it (503). */
const TOKEN_ERRORS = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JWKInvalid.code,
]);

function describeTokenError(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token was issued by an issuer this API does not trust';
    if (error.claim === 'aud') return 'the token is not for this API (audience)';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${error.claim} claim is missing or invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return `token signing algorithm not allowed (allowed: ${ALLOWED_ALGORITHMS.join(', ')})`;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  return 'the token is malformed';
}

export interface JwtAuthenticatorOptions {
  /** Key resolver; default: the remote JWKS at `config.jwksUri` (cached by jose). */
  readonly keys?: JWTVerifyGetKey;
}

/** Verifies Entra-style bearer JWTs against the issuer's JWKS: signature, alg, iss, aud, exp/nbf, oid. */
export function jwtAuthenticator(config: AuthConfig, options: JwtAuthenticatorOptions = {}): Authenticator {
  const cfg = parseAuthConfig(config);
  const keys = options.keys ?? createRemoteJWKSet(new URL(cfg.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: [...cfg.issuer],
          audience: [...cfg.audience],
          algorithms: [...ALLOWED_ALGORITHMS],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iss', 'aud', 'oid'],
        }));
      } catch (error) {
        if (error instanceof errors.JOSEError && TOKEN_ERRORS.has(error.code)) throw new AuthError('InvalidToken', describeTokenError(error));
        // JWKS unreachable, timed out or invalid: we could not check the token. Refuse (never fail open).
        throw new AuthError('AuthUnavailable', 'cannot verify tokens right now: the signing keys could not be fetched');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw new AuthError('InvalidToken', claims.error.issues[0]?.message ?? 'the token claims are invalid');
      const c = claims.data;
      const roles = [...new Set((c.roles ?? []).filter(isAppRole))];
      return {
        oid: c.oid,
        name: c.preferred_username ?? c.upn ?? c.name ?? c.oid,
        ...(c.tid ? { tenantId: c.tid } : {}),
        roles,
      };
    },
  };
}

/** `Bearer <token>`; anything else is a missing or invalid token. */
export function bearerToken(authorization: string | undefined): string {
  const value = authorization?.trim();
  if (!value) throw new AuthError('MissingToken', 'a bearer token is required (Authorization: Bearer <token>)');
  const m = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(value);
  if (!m) throw new AuthError('InvalidToken', 'the Authorization header must be "Bearer <token>"');
  if (m[1]!.length > MAX_TOKEN_CHARS) throw new AuthError('InvalidToken', 'the token is too large');
  return m[1]!;
}

/** Refuses every call: what the API uses when auth is not (or badly) configured. Never fails open. */
export function refusingAuthenticator(reason: string): Authenticator {
  return {
    async authenticate() {
      throw new AuthError('AuthNotConfigured', reason);
    },
  };
}

/** The production authenticator from AMLGUARD_AUTH_*; a refusing one if they are missing or invalid. */
export function authenticatorFromEnv(env: Readonly<Record<string, string | undefined>>): Authenticator {
  const settings = authSettingsFromEnv(env);
  return settings.ok ? jwtAuthenticator(settings.config) : refusingAuthenticator(settings.reason);
}

/** Throws 403 unless the caller holds at least one of `roles`. */
export function requireAnyRole(caller: Caller, roles: readonly AppRole[]): void {
  if (roles.some((r) => caller.roles.includes(r))) return;
  throw new AuthError('MissingRole', `this call needs the app role ${roles.join(' or ')}`);
}
