/**
 * A test token issuer: RS256 and ES256 key pairs, their JWKS served on loopback by a node http
 * server (the authenticator fetches it like Entra ID's), and helpers to sign good and bad tokens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { AuthConfig } from '../../src/auth';

export const ISSUER = 'https://login.example.test/tenant-1/v2.0';
export const AUDIENCE = 'api://aml-guard-test';

export interface TestIssuer {
  readonly config: AuthConfig;
  readonly jwksUri: string;
  /** A valid token (RS256 unless `alg` says ES256) with these claims over sane defaults. */
  sign(claims?: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** A token for a person with roles (short names: Requester, Approver, Reader). */
  tokenFor(oid: string, roles: readonly string[], name?: string): Promise<string>;
  /** PEM of the RS256 public key (for the HS256 key-confusion attack). */
  publicKeyPem(): Promise<string>;
  /** A key pair the JWKS does not hold. */
  foreignKey(): Promise<CryptoKey>;
  close(): Promise<void>;
}

export interface SignOptions {
  readonly alg?: 'RS256' | 'ES256';
  /** Sign with this key instead (header kid stays the JWKS one unless `kid` is given). */
  readonly key?: CryptoKey;
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  readonly notBefore?: number;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const server: Server = createServer((req, res) => {
    if (req.url === '/keys') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  let foreign: CryptoKey | undefined;

  const sign = async (claims: Record<string, unknown> = {}, o: SignOptions = {}): Promise<string> => {
    const alg = o.alg ?? 'RS256';
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: o.issuer ?? ISSUER,
      aud: o.audience ?? AUDIENCE,
      iat: now,
      nbf: now + (o.notBefore ?? 0),
      exp: now + (o.expiresIn ?? 600),
      oid: '11111111-1111-4111-8111-111111111111',
      sub: 'pairwise-subject-not-the-oid',
      tid: 'tenant-1',
      preferred_username: 'someone@contoso.example',
      roles: ['AmlGuard.Reader'],
      ...claims,
    };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    return new SignJWT(payload)
      .setProtectedHeader({ alg, typ: 'JWT', kid: o.kid ?? (alg === 'RS256' ? 'rsa-1' : 'ec-1') })
      .sign(o.key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey));
  };

  return {
    config: { issuer: [ISSUER], audience: [AUDIENCE], jwksUri },
    jwksUri,
    sign,
    tokenFor: (oid, roles, name) => sign({ oid, roles: roles.map((r) => (r.startsWith('AmlGuard.') ? r : `AmlGuard.${r}`)), preferred_username: name ?? `${oid.slice(0, 8)}@contoso.example` }),
    publicKeyPem: () => exportSPKI(rsa.publicKey),
    async foreignKey() {
      foreign ??= (await generateKeyPair('RS256')).privateKey;
      return foreign;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** base64url JSON, for hand-made tokens. */
export function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
