import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { getKpis, type KpisApiDeps } from '../../src/api/kpis';
import { jwtAuthenticator, refusingAuthenticator } from '../../src/auth';
import type { GuardStore } from '../../src/store';
import { testStore } from '../support/store';

const ISSUER = 'https://login.example.test/tenant/v2.0';
const AUDIENCE = 'api://aml-guard-test';
const NOW = new Date('2026-11-25T01:00:00.000Z');

let store: GuardStore;
let deps: KpisApiDeps;
let sign: (roles: string[]) => Promise<string>;

beforeAll(async () => {
  store = await testStore();
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const authenticator = jwtAuthenticator({ issuer: [ISSUER], audience: [AUDIENCE], jwksUri: 'https://login.example.test/keys' }, { keys: async () => publicKey });
  deps = { store, authenticator, now: () => NOW };
  sign = (roles) =>
    new SignJWT({ oid: '11111111-1111-1111-1111-111111111111', roles, preferred_username: 'reader@example.test' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
});

const get = async (roles: string[] | null, query: Record<string, string> = {}, method = 'GET') =>
  getKpis(deps, { method, query, headers: roles === null ? {} : { authorization: `Bearer ${await sign(roles)}` } });

describe('GET /api/kpis', () => {
  it('answers 200 with the contract fields for an AmlGuard.Reader', async () => {
    const res = await get(['AmlGuard.Reader']);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'Cache-Control': 'no-store' });
    expect(Object.keys(res.json as object)).toEqual(
      expect.arrayContaining(['workspacesTotal', 'workspacesPublicAccessDisabledPct', 'computeTotal', 'computeWithPublicIp', 'openFindingsBySeverity', 'openFindingsByRule', 'mttrHours', 'remediationsByOutcome', 'activeExceptions']),
    );
    expect(res.json).toMatchObject({ workspacesTotal: 0, mttrHours: null, window: { until: NOW.toISOString() } });
  });

  it('passes ?since through, and refuses a bad one with 400', async () => {
    expect((await get(['AmlGuard.Approver'], { since: '2026-11-24T00:00:00Z' })).json).toMatchObject({ window: { since: '2026-11-24T00:00:00.000Z' } });
    expect(await get(['AmlGuard.Reader'], { since: 'yesterday' })).toMatchObject({ status: 400, json: { error: { code: 'InvalidQuery' } } });
    expect(await get(['AmlGuard.Reader'], { since: '2027-01-01T00:00:00Z' })).toMatchObject({ status: 400, json: { error: { code: 'InvalidQuery' } } });
  });

  it('401 without a token (with a challenge), 403 without a reading role, 405 for other methods, 503 when auth is not configured', async () => {
    const anonymous = await get(null);
    expect(anonymous).toMatchObject({ status: 401, json: { error: { code: 'MissingToken' } } });
    expect(anonymous.headers?.['WWW-Authenticate']).toMatch(/^Bearer realm=/);
    expect(await get(['AmlGuard.Requester'])).toMatchObject({ status: 403, json: { error: { code: 'MissingRole' } } });
    expect(await get(['AmlGuard.Reader'], {}, 'POST')).toMatchObject({ status: 405, headers: { Allow: 'GET' } });
    const refusing = await getKpis({ ...deps, authenticator: refusingAuthenticator('AMLGUARD_AUTH_AUDIENCE is not set') }, { method: 'GET', query: {}, headers: {} });
    expect(refusing).toMatchObject({ status: 503, json: { error: { code: 'AuthNotConfigured' } } });
  });
});
