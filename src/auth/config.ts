import { z } from 'zod';
import { describeZodError } from '../model';

/** Where tokens come from and who they must be for. Validated; never defaulted to "accept anything". */
export interface AuthConfig {
  /** Expected `iss`, e.g. `https://login.microsoftonline.com/{tenant}/v2.0`. Several may be given (comma separated). */
  readonly issuer: readonly string[];
  /** Expected `aud`: the API's application (client) id and/or its application ID URI. */
  readonly audience: readonly string[];
  /** The issuer's JSON Web Key Set. */
  readonly jwksUri: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https, or http on loopback only (the local issuer of `aml-guard serve`). */
function isSafeKeysUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
  } catch {
    return false;
  }
}

const list = (name: string) =>
  z
    .string({ error: `${name} is not set` })
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(512)).min(1, `${name} is empty`));

export const authEnvSchema = z.object({
  AMLGUARD_AUTH_ISSUER: list('AMLGUARD_AUTH_ISSUER'),
  AMLGUARD_AUTH_AUDIENCE: list('AMLGUARD_AUTH_AUDIENCE'),
  AMLGUARD_AUTH_JWKS_URI: z
    .string({ error: 'AMLGUARD_AUTH_JWKS_URI is not set' })
    .trim()
    .refine(isSafeKeysUrl, 'AMLGUARD_AUTH_JWKS_URI must be an https URL (http only on loopback)'),
});

export const AUTH_SETTINGS = ['AMLGUARD_AUTH_ISSUER', 'AMLGUARD_AUTH_AUDIENCE', 'AMLGUARD_AUTH_JWKS_URI'] as const;

export type AuthSettings = { readonly ok: true; readonly config: AuthConfig } | { readonly ok: false; readonly reason: string; readonly missing: readonly string[] };

/** Reads AMLGUARD_AUTH_*; a missing or bad value is reported (by name), never replaced by a permissive default. */
export function authSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): AuthSettings {
  const raw = Object.fromEntries(AUTH_SETTINGS.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const missing = AUTH_SETTINGS.filter((k) => raw[k] === undefined);
  const r = authEnvSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      missing,
      reason: missing.length ? `authentication is not configured: set ${missing.join(', ')}` : `authentication is misconfigured: ${describeZodError(r.error)}`,
    };
  }
  return { ok: true, config: { issuer: r.data.AMLGUARD_AUTH_ISSUER, audience: r.data.AMLGUARD_AUTH_AUDIENCE, jwksUri: r.data.AMLGUARD_AUTH_JWKS_URI } };
}

export function parseAuthConfig(config: AuthConfig): AuthConfig {
  if (!config.issuer.length || !config.audience.length) throw new Error('auth config needs at least one issuer and one audience');
  if (!isSafeKeysUrl(config.jwksUri)) throw new Error(`auth config: jwksUri must be https (http only on loopback): ${config.jwksUri}`);
  return config;
}
