import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src/api';
import { jwtAuthenticator } from '../../src/auth';
import { guardConfigSchema } from '../../src/model';
import { startTestIssuer, type TestIssuer } from '../auth/test-issuer';
import { startHarness, type Harness } from '../support/harness';
import { call, errorOf, READER_OID, REQUESTER_OID } from './helpers';

let h: Harness;
let issuer: TestIssuer;
let deps: ApiDeps;

beforeAll(async () => {
  [h, issuer] = await Promise.all([startHarness([]), startTestIssuer()]);
  deps = { ctx: { ...h.ctx, config: guardConfigSchema.parse({ ruleModes: { 'AML-WS-001': 'audit' } }) }, auth: jwtAuthenticator(issuer.config) };
});
afterAll(async () => {
  await Promise.all([h.close(), issuer.close()]);
});

describe('GET /api/me and /api/rules (what the console shows)', () => {
  it('/api/me: the verified caller (oid, display name, app roles), never more', async () => {
    const token = await issuer.tokenFor(REQUESTER_OID, ['Requester', 'Approver'], 'rita@contoso.example');
    const res = await call(deps, 'GET', '/api/me', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ oid: REQUESTER_OID, name: 'rita@contoso.example', roles: ['AmlGuard.Requester', 'AmlGuard.Approver'] });
    const anon = await call(deps, 'GET', '/api/me');
    expect([anon.status, errorOf(anon).code]).toEqual([401, 'MissingToken']);
  });

  it('/api/rules: the catalog with title, rationale, remediation and the effective mode; a token without a role is refused', async () => {
    const reader = await issuer.tokenFor(READER_OID, ['Reader']);
    const res = await call(deps, 'GET', '/api/rules', { token: reader });
    const rules = (res.json as { rules: { id: string; mode: string; rationale: string }[] }).rules;
    expect(rules.map((r) => r.id)).toEqual(h.ctx.rules.map((r) => r.id));
    expect(rules.find((r) => r.id === 'AML-WS-001')).toMatchObject({ mode: 'audit', rationale: expect.stringMatching(/internet/) });
    const none = await call(deps, 'GET', '/api/rules', { token: await issuer.tokenFor(READER_OID, []) });
    expect(none.status).toBe(403);
  });
});
