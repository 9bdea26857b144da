/**
 * A token issuer for local use only (`aml-guard serve`, the demo, tests): an ES256 key pair
 * generated at start and never written anywhere, its JWKS served on loopback, and
 * `POST /token {user, roles}` minting a token for anyone who can reach the loopback port.
 * The API verifies these tokens exactly as it verifies Entra ID tokens (remote JWKS, iss, aud, alg,
 * exp, oid, roles): only the keys are local. Tokens die with the process (the key does).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import { parseAppRole, type AppRole, type AuthConfig } from '../auth';

export const LOCAL_AUDIENCE = 'api://aml-guard-local';
export const LOCAL_TENANT_ID = '00000000-0000-4000-8000-00000000a11e';
export const DEFAULT_ISSUER_PORT = 7072;
const DEFAULT_LIFETIME_MINUTES = 60;
const MAX_LIFETIME_MINUTES = 12 * 60;

export interface LocalIssuer {
  /** `http://127.0.0.1:{port}`: also the `iss` of its tokens. */
  readonly url: string;
  /** What the API must be configured with to trust this issuer. */
  readonly config: AuthConfig;
  /** A signed access token for `user` (a short name such as `alice`) holding `roles` (`Requester` or `AmlGuard.Requester`...). */
  tokenFor(user: string, roles: readonly string[], options?: { readonly lifetimeMinutes?: number }): Promise<string>;
  close(): Promise<void>;
}

const USER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** A stable object id per user name, so `alice` is the same identity across restarts. */
export function localOid(user: string): string {
  const h = createHash('sha256').update(`aml-guard-local-user:${user.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class LocalTokenError extends Error {
  override name = 'LocalTokenError';
}

function parseRoles(roles: readonly string[]): AppRole[] {
  const out: AppRole[] = [];
  for (const r of roles.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    const role = parseAppRole(r);
    if (!role) throw new LocalTokenError(`unknown role ${JSON.stringify(r)}: use Requester, Approver or Reader`);
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

const tokenRequestSchema = z.strictObject({
  user: z.string().regex(USER, 'a user name: letters, digits, . _ @ - (at most 64)'),
  roles: z.array(z.string()).max(3).default([]),
  lifetimeMinutes: z.number().int().positive().max(MAX_LIFETIME_MINUTES).optional(),
});

export async function startLocalIssuer(options: { readonly port?: number } = {}): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  let url = '';

  const mint = async (user: string, roles: readonly string[], lifetimeMinutes = DEFAULT_LIFETIME_MINUTES): Promise<string> => {
    if (!USER.test(user)) throw new LocalTokenError(`user ${JSON.stringify(user.slice(0, 64))}: letters, digits, . _ @ - only (at most 64)`);
    const minutes = Math.min(Math.max(1, Math.floor(lifetimeMinutes)), MAX_LIFETIME_MINUTES);
    const oid = localOid(user);
    const username = user.includes('@') ? user : `${user}@aml-guard.local`;
    return new SignJWT({ oid, tid: LOCAL_TENANT_ID, roles: parseRoles(roles), preferred_username: username, name: user, ver: '2.0' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(url)
      .setAudience(LOCAL_AUDIENCE)
      // `sub` is deliberately not the oid: the API must identify callers by oid.
      .setSubject(createHash('sha256').update(`sub:${oid}`).digest('base64url'))
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${minutes}m`)
      .sign(privateKey as CryptoKey);
  };

  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/keys') return reply(200, { keys: [jwk] });
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') return reply(200, { issuer: url, jwks_uri: `${url}/keys`, token_endpoint: `${url}/token`, id_token_signing_alg_values_supported: ['ES256'] });
    if (req.method === 'POST' && path === '/token') {
      // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 must not mint tokens.
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (host !== '127.0.0.1' && host !== 'localhost') return reply(403, { error: { code: 'NotLoopback', message: 'the local issuer mints tokens only for requests to 127.0.0.1 / localhost' } });
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
        if (body.length > 4096) req.destroy();
      });
      req.on('end', () => {
        void (async () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body || '{}');
          } catch {
            return reply(400, { error: { code: 'InvalidJson', message: 'the body is not valid JSON' } });
          }
          const r = tokenRequestSchema.safeParse(parsed);
          if (!r.success) {
            const i = r.error.issues[0];
            return reply(400, { error: { code: 'InvalidBody', message: `${i?.path.join('.') || '(body)'}: ${i?.message ?? 'invalid'}`, field: i?.path.join('.') } });
          }
          try {
            const token = await mint(r.data.user, r.data.roles, r.data.lifetimeMinutes);
            reply(200, { access_token: token, token_type: 'Bearer', expires_in: (r.data.lifetimeMinutes ?? DEFAULT_LIFETIME_MINUTES) * 60 });
          } catch (error) {
            reply(400, { error: { code: 'InvalidBody', message: error instanceof LocalTokenError ? error.message : 'cannot mint this token' } });
          }
        })();
      });
      return;
    }
    reply(404, { error: { code: 'NotFound', message: 'local issuer: GET /keys, GET /.well-known/openid-configuration, POST /token {user, roles}' } });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config: { issuer: [url], audience: [LOCAL_AUDIENCE], jwksUri: `${url}/keys` },
    tokenFor: (user, roles, opts) => mint(user, roles, opts?.lifetimeMinutes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
