import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, authenticatorFromEnv, authSettingsFromEnv, jwtAuthenticator, requireAnyRole, type Authenticator } from '../../src/auth';
import { AUDIENCE, b64, ISSUER, startTestIssuer, type TestIssuer } from './test-issuer';

let issuer: TestIssuer;
let auth: Authenticator;

beforeAll(async () => {
  issuer = await startTestIssuer();
  auth = jwtAuthenticator(issuer.config);
});
afterAll(() => issuer.close());

async function refusal(authorization: string | undefined, a: Authenticator = auth): Promise<AuthError> {
  const error = await a.authenticate(authorization).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

async function invalid(token: string): Promise<AuthError> {
  const e = await refusal(`Bearer ${token}`);
  expect(e.status).toBe(401);
  expect(e.code).toBe('InvalidToken');
  expect(e.wwwAuthenticate).toMatch(/^Bearer realm="aml-guard", error="invalid_token", error_description="[^"]+"$/);
  return e;
}

describe('valid tokens', () => {
  it('RS256 and ES256 tokens from the JWKS: the caller is the oid, roles are the AmlGuard ones', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await issuer.sign({ roles: ['AmlGuard.Approver', 'Other.Role', 'AmlGuard.Approver'] }, { alg });
      const caller = await auth.authenticate(`Bearer ${token}`);
      expect(caller).toEqual({ oid: '11111111-1111-4111-8111-111111111111', name: 'someone@contoso.example', tenantId: 'tenant-1', roles: ['AmlGuard.Approver'] });
    }
  });

  it('display name falls back to upn, then name, then the oid; the scheme is case-insensitive', async () => {
    const upn = await issuer.sign({ preferred_username: undefined, upn: 'u@contoso.example' });
    expect((await auth.authenticate(`bearer ${upn}`)).name).toBe('u@contoso.example');
    const bare = await issuer.sign({ preferred_username: undefined, roles: undefined });
    expect(await auth.authenticate(`Bearer ${bare}`)).toMatchObject({ name: '11111111-1111-4111-8111-111111111111', roles: [] });
  });
});

describe('401: every way a token can be wrong', () => {
  it('no token, or not a bearer token', async () => {
    const none = await refusal(undefined);
    expect([none.status, none.code, none.wwwAuthenticate]).toEqual([401, 'MissingToken', 'Bearer realm="aml-guard"']);
    expect((await refusal('')).code).toBe('MissingToken');
    expect((await refusal('Basic dXNlcjpwYXNz')).code).toBe('InvalidToken');
    expect((await refusal('Bearer not a token')).code).toBe('InvalidToken');
    await invalid('abc.def.ghi');
  });

  it('a signature by another key (same kid, and an unknown kid)', async () => {
    const foreign = await issuer.foreignKey();
    expect((await invalid(await issuer.sign({}, { key: foreign }))).message).toMatch(/signature/);
    expect((await invalid(await issuer.sign({}, { key: foreign, kid: 'someone-elses-key' }))).message).toMatch(/signature/);
  });

  it('a tampered payload', async () => {
    const [h, , s] = (await issuer.sign()).split('.');
    await invalid(`${h}.${b64({ iss: ISSUER, aud: AUDIENCE, exp: 9999999999, oid: 'attacker', roles: ['AmlGuard.Approver'] })}.${s}`);
  });

  it('the wrong issuer, the wrong audience', async () => {
    expect((await invalid(await issuer.sign({}, { issuer: 'https://evil.example/v2.0' }))).message).toMatch(/issuer/);
    expect((await invalid(await issuer.sign({}, { audience: 'api://something-else' }))).message).toMatch(/audience/);
  });

  it('expired (beyond the small clock tolerance), or not valid yet', async () => {
    expect((await invalid(await issuer.sign({}, { expiresIn: -120 }))).message).toMatch(/expired/);
    await invalid(await issuer.sign({}, { notBefore: 600, expiresIn: 1200 }));
    // within the tolerance (60 s) is accepted
    await expect(auth.authenticate(`Bearer ${await issuer.sign({}, { expiresIn: -10 })}`)).resolves.toMatchObject({ oid: expect.any(String) });
  });

  it('alg none', async () => {
    const claims = { iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600, oid: 'x', roles: ['AmlGuard.Approver'] };
    await invalid(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await invalid(`${b64({ alg: 'none', typ: 'JWT', kid: 'rsa-1' })}.${b64(claims)}.`);
  });

  it('HS256 keyed with the public key (algorithm confusion)', async () => {
    const pem = await issuer.publicKeyPem();
    const claims = { iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600, oid: 'x', roles: ['AmlGuard.Approver'] };
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' })}.${b64(claims)}`;
    const sig = createHmac('sha256', pem).update(input).digest('base64url');
    expect((await invalid(`${input}.${sig}`)).message).toMatch(/algorithm not allowed/);
  });

  it('no oid (a sub alone is not an identity), or no exp', async () => {
    expect((await invalid(await issuer.sign({ oid: undefined }))).message).toMatch(/oid/);
    expect((await invalid(await issuer.sign({ oid: '' }))).message).toMatch(/oid/);
    const noExp = await issuer.sign({ exp: undefined });
    await invalid(noExp);
  });
});

describe('403 and 503', () => {
  it('a missing role is 403 with insufficient_scope', async () => {
    const caller = await auth.authenticate(`Bearer ${await issuer.sign({ roles: ['AmlGuard.Reader'] })}`);
    expect(() => requireAnyRole(caller, ['AmlGuard.Reader'])).not.toThrow();
    const e = (() => {
      try {
        requireAnyRole(caller, ['AmlGuard.Approver']);
      } catch (x) {
        return x as AuthError;
      }
      throw new Error('expected a refusal');
    })();
    expect([e.status, e.code]).toEqual([403, 'MissingRole']);
    expect(e.message).toMatch(/AmlGuard\.Approver/);
    expect(e.wwwAuthenticate).toMatch(/error="insufficient_scope"/);
  });

  it('an unreachable JWKS refuses (503), never accepts', async () => {
    const down = jwtAuthenticator({ issuer: [ISSUER], audience: [AUDIENCE], jwksUri: 'http://127.0.0.1:9/keys' });
    const e = await refusal(`Bearer ${await issuer.sign()}`, down);
    expect([e.status, e.code]).toEqual([503, 'AuthUnavailable']);
  });

  it('missing or bad AMLGUARD_AUTH_* settings: every call refused with 503, naming what is missing', async () => {
    const none = await refusal(`Bearer ${await issuer.sign()}`, authenticatorFromEnv({}));
    expect([none.status, none.code]).toEqual([503, 'AuthNotConfigured']);
    expect(none.message).toMatch(/AMLGUARD_AUTH_ISSUER, AMLGUARD_AUTH_AUDIENCE, AMLGUARD_AUTH_JWKS_URI/);
    const partial = authSettingsFromEnv({ AMLGUARD_AUTH_ISSUER: ISSUER, AMLGUARD_AUTH_AUDIENCE: AUDIENCE });
    expect(partial).toMatchObject({ ok: false, reason: expect.stringMatching(/set AMLGUARD_AUTH_JWKS_URI$/) });
    const plainHttp = authSettingsFromEnv({ AMLGUARD_AUTH_ISSUER: ISSUER, AMLGUARD_AUTH_AUDIENCE: AUDIENCE, AMLGUARD_AUTH_JWKS_URI: 'http://keys.example.com/keys' });
    expect(plainHttp).toMatchObject({ ok: false, reason: expect.stringMatching(/https/) });
    const ok = authSettingsFromEnv({ AMLGUARD_AUTH_ISSUER: ISSUER, AMLGUARD_AUTH_AUDIENCE: `${AUDIENCE}, 0b1c2d3e-0000-4000-8000-000000000001`, AMLGUARD_AUTH_JWKS_URI: issuer.jwksUri });
    expect(ok).toEqual({ ok: true, config: { issuer: [ISSUER], audience: [AUDIENCE, '0b1c2d3e-0000-4000-8000-000000000001'], jwksUri: issuer.jwksUri } });
    const fromEnv = authenticatorFromEnv({ AMLGUARD_AUTH_ISSUER: ISSUER, AMLGUARD_AUTH_AUDIENCE: AUDIENCE, AMLGUARD_AUTH_JWKS_URI: issuer.jwksUri });
    await expect(fromEnv.authenticate(`Bearer ${await issuer.sign()}`)).resolves.toMatchObject({ oid: '11111111-1111-4111-8111-111111111111' });
  });
});
