import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { z } from 'zod';
import { GUARD_PRINCIPAL, SANDBOX_TENANT_ID, type Principal } from './principals';

/**
 * HS256 key. Deliberately fixed and public: the sandbox is a loopback fake, and a fixed key lets
 * another process (a Functions host pointed at a sandbox) mint tokens with `sandboxCredential`.
 */
const SECRET = Buffer.from('aml-guard-sandbox-hs256-key-not-a-secret', 'utf8');
const TOKEN_LIFETIME_SECONDS = 3600;

/** The claims the sandbox reads from a bearer token. */
export const tokenClaimsSchema = z.looseObject({
  oid: z.string().min(1),
  appid: z.string().min(1),
  name: z.string(),
  tid: z.string().min(1),
  exp: z.number(),
  upn: z.string().optional(),
  idtyp: z.string().optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const sign = (input: string): Buffer => createHmac('sha256', SECRET).update(input).digest();

/** Issues a JWT for the principal, shaped like an Entra ARM access token. */
export function issueToken(principal: Principal, tenantId: string, now = Date.now()): { token: string; expiresOn: number } {
  const iat = Math.floor(now / 1000);
  const exp = iat + TOKEN_LIFETIME_SECONDS;
  const payload = {
    aud: 'https://management.azure.com/',
    iss: `https://sts.windows.net/${tenantId}/`,
    iat,
    nbf: iat,
    exp,
    oid: principal.oid,
    sub: principal.oid,
    appid: principal.appId,
    appidacr: principal.type === 'User' ? '0' : '2',
    idtyp: principal.type === 'User' ? 'user' : 'app',
    name: principal.name,
    tid: tenantId,
    ...(principal.upn ? { upn: principal.upn } : {}),
    ver: '1.0',
  };
  const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return { token: `${signingInput}.${b64url(sign(signingInput))}`, expiresOn: exp * 1000 };
}

export type TokenCheck = { readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly reason: string };

/** Verifies a bearer token issued by `issueToken` (signature, expiry, claims). */
export function verifyToken(token: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'The access token is not a JWT.' };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(`${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'The access token has an invalid signature.' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'The access token payload is not JSON.' };
  }
  const claims = tokenClaimsSchema.safeParse(decoded);
  if (!claims.success) return { ok: false, reason: 'The access token lacks the oid, appid, name or tid claim.' };
  if (claims.data.exp * 1000 <= now) return { ok: false, reason: 'The access token has expired.' };
  return { ok: true, claims: claims.data };
}

/** A TokenCredential for any sandbox (in this or another process); scopes are ignored. Same as `Sandbox.credential`. */
export function sandboxCredential(principal: Principal = GUARD_PRINCIPAL, tenantId: string = SANDBOX_TENANT_ID): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const { token, expiresOn } = issueToken(principal, tenantId);
      return { token, expiresOnTimestamp: expiresOn, tokenType: 'Bearer' };
    },
  };
}
