/**
 * How the console signs people in, told to the browser by `GET /console/config.json` (no
 * secrets: a public client id, an authority, a scope). Production: Microsoft Entra ID with
 * MSAL.js (authorization code + PKCE) for the SPA registration AMLGUARD_CONSOLE_CLIENT_ID;
 * `aml-guard serve` with its local issuer: a sign-in form.
 */
import { z } from 'zod';
import { isGuid } from '../model';

export type ConsoleSignIn =
  | { readonly kind: 'entra'; readonly clientId: string; readonly authority: string; readonly apiScope: string }
  | { readonly kind: 'local' }
  /** Not configured: the page says which settings are missing instead of a sign-in. */
  | { readonly kind: 'unconfigured'; readonly reason: string };

export const CONSOLE_SETTINGS = ['AMLGUARD_CONSOLE_CLIENT_ID', 'AMLGUARD_CONSOLE_AUTHORITY', 'AMLGUARD_CONSOLE_API_SCOPE'] as const;

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** Entra ID sign-in from the environment; the authority and scope default from AMLGUARD_AUTH_ISSUER / AMLGUARD_AUTH_AUDIENCE. A bad value names the variable. */
export function consoleSignInFromEnv(env: Readonly<Record<string, string | undefined>>): ConsoleSignIn {
  const clientId = env.AMLGUARD_CONSOLE_CLIENT_ID?.trim();
  if (!clientId) return { kind: 'unconfigured', reason: 'AMLGUARD_CONSOLE_CLIENT_ID is not set (the client id of the console\'s single-page-application registration)' };
  if (!isGuid(clientId)) throw new Error(`AMLGUARD_CONSOLE_CLIENT_ID: ${JSON.stringify(clientId.slice(0, 64))} is not a client id (a GUID)`);
  const issuer = env.AMLGUARD_AUTH_ISSUER?.split(',')[0]?.trim();
  const authority = env.AMLGUARD_CONSOLE_AUTHORITY?.trim() || issuer?.replace(/\/v2\.0\/?$/, '');
  if (!authority) return { kind: 'unconfigured', reason: 'AMLGUARD_CONSOLE_AUTHORITY (or AMLGUARD_AUTH_ISSUER) is not set' };
  if (!httpsUrl.safeParse(authority).success) throw new Error(`AMLGUARD_CONSOLE_AUTHORITY: ${JSON.stringify(authority.slice(0, 200))} must be an https URL such as https://login.microsoftonline.com/<tenant id>`);
  const audience = env.AMLGUARD_AUTH_AUDIENCE?.split(',')[0]?.trim();
  const apiScope = env.AMLGUARD_CONSOLE_API_SCOPE?.trim() || (audience ? `${audience.replace(/\/+$/, '')}/.default` : undefined);
  if (!apiScope) return { kind: 'unconfigured', reason: 'AMLGUARD_CONSOLE_API_SCOPE (or AMLGUARD_AUTH_AUDIENCE) is not set' };
  return { kind: 'entra', clientId, authority, apiScope };
}
