/**
 * Expiry resumes enforcement, end to end on the sandbox ARM + Azurite: an exception approved
 * through the API stops the fix (finding excepted, audit skipped-exception); when it expires
 * (or is revoked) reconcileExceptions re-evaluates and the fix lands (PATCH, finding resolved, audit).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src/api';
import { jwtAuthenticator } from '../../src/auth';
import { sweep, WriteBudget, type GuardContext } from '../../src/engine';
import { EXPIRY_STATE_KEY, reconcileExceptions } from '../../src/engine/expiry';
import type { GuardException } from '../../src/model';
import { CATALOG } from '../../src/rules/catalog';
import { startTestIssuer, type TestIssuer } from '../auth/test-issuer';
import { startHarness, workspace, type Harness } from '../support/harness';
import { testStore } from '../support/store';
import { APPROVER_OID, call, REQUESTER_OID } from './helpers';

const SUB = '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b';
const SUB2 = '7f8a9b0c-1d2e-4f3a-9b4c-5d6e7f8a9b0c';
const WS = workspace(SUB, 'rg-pilot', 'ws-pilot', { publicNetworkAccess: 'Enabled' });
const A = workspace(SUB2, 'rg-team', 'ws-a', { publicNetworkAccess: 'Enabled' });
const B = workspace(SUB2, 'rg-team', 'ws-b', { publicNetworkAccess: 'Enabled' });
const OUT = workspace(SUB2, 'rg-elsewhere', 'ws-out', { publicNetworkAccess: 'Enabled' });
const T0 = new Date('2026-04-01T08:00:00.000Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let issuer: TestIssuer;
let requester: string;
let approver: string;
/** One sandbox for the file; each scenario gets fresh tables. */
let h: Harness;
beforeAll(async () => {
  [issuer, h] = await Promise.all([startTestIssuer(), startHarness([WS, A, B, OUT])]);
  requester = await issuer.tokenFor(REQUESTER_OID, ['Requester']);
  approver = await issuer.tokenFor(APPROVER_OID, ['Approver']);
});
afterAll(async () => {
  await Promise.all([issuer.close(), h.close()]);
});

interface World {
  ctx: GuardContext;
  deps: ApiDeps;
  setNow(d: Date): void;
}

async function world(ruleId = 'AML-WS-001'): Promise<World> {
  let now = T0;
  // One rule (AML-WS-001 unless told), so the test is about the exception and not about other rules' writes.
  const ctx: GuardContext = { ...h.ctx, store: await testStore(), rules: CATALOG.filter((r) => r.id === ruleId), clock: () => now };
  return { ctx, deps: { ctx, auth: jwtAuthenticator(issuer.config) }, setNow: (d) => (now = d) };
}

async function approvedException(w: World, scope: string, ruleId: string, hours: number): Promise<GuardException> {
  const req = await call(w.deps, 'POST', '/api/exceptions', { token: requester, body: { scope, ruleId, reason: 'partner pilot', durationHours: hours } });
  expect(req.status, JSON.stringify(req.json)).toBe(201);
  const id = (req.json as GuardException).id;
  const ok = await call(w.deps, 'POST', `/api/exceptions/${id}/approve`, { token: approver });
  expect(ok.status, JSON.stringify(ok.json)).toBe(200);
  return ok.json as GuardException;
}

const patches = (w: World) => h.writes().filter((r) => r.method === 'PATCH');

describe('expiry -> re-evaluation -> remediation', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  beforeEach(() => h.sandbox.clearRequests());

  it('an approved exception blocks the fix: finding excepted with the exception id, audit skipped-exception', async () => {
    const e = await approvedException(w, WS.id, 'AML-WS-001', 2);
    expect(e.expiresAt).toBe(at(2).toISOString());
    const run = await sweep(w.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    expect(run.actions.map((a) => a.outcome)).toEqual(['skipped-exception']);
    expect(patches(w)).toEqual([]);
    expect(await w.ctx.store.findings.get(WS.id, 'AML-WS-001')).toMatchObject({ status: 'excepted', exceptionId: e.id });
    const audit = await w.ctx.store.audit.list({ category: 'remediation', since: '2026-01-01T00:00:00Z', until: '2027-01-01T00:00:00Z' });
    expect(audit).toEqual([expect.objectContaining({ outcome: 'skipped-exception', exceptionId: e.id, resourceId: WS.id })]);
  });

  it('before the deadline the timer changes nothing', async () => {
    const r = await reconcileExceptions(w.ctx, { now: at(1.5) });
    expect([r.ended, r.reevaluated, r.actions]).toEqual([[], [], []]);
    expect(h.writes()).toEqual([]);
    expect(await w.ctx.store.state.get(EXPIRY_STATE_KEY)).toBe(at(1.5).toISOString());
  });

  it('past expiresAt the timer expires it, re-evaluates the workspace, and the fix lands', async () => {
    const r = await reconcileExceptions(w.ctx, { now: at(2.25) });
    expect(r.ended.map((e) => e.status)).toEqual(['expired']);
    expect(r.reevaluated).toEqual([WS.id]);
    expect(r.actions).toEqual([expect.objectContaining({ ruleId: 'AML-WS-001', outcome: 'applied', before: 'Enabled', after: 'Disabled' })]);
    expect(patches(w)).toEqual([expect.objectContaining({ body: { properties: { publicNetworkAccess: 'Disabled' } } })]);
    expect(h.sandbox.getResource(WS.id)?.properties?.publicNetworkAccess).toBe('Disabled');

    const finding = await w.ctx.store.findings.get(WS.id, 'AML-WS-001');
    expect(finding).toMatchObject({ status: 'resolved', resolvedAt: at(2.25).toISOString() });
    expect(finding?.exceptionId).toBeUndefined();
    const audit = await w.ctx.store.audit.list({ since: '2026-01-01T00:00:00Z', until: '2027-01-01T00:00:00Z' });
    const exceptionId = r.ended[0]!.id;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'exception', action: 'expire', before: 'approved', after: 'expired', exceptionId, actor: 'aml-guard' }),
        expect.objectContaining({ category: 'remediation', outcome: 'applied', resourceId: WS.id, before: 'Enabled', after: 'Disabled' }),
      ]),
    );
    expect((await w.ctx.store.exceptions.getById(exceptionId))?.status).toBe('expired');
  });

  it('the next run does not re-evaluate it again', async () => {
    const r = await reconcileExceptions(w.ctx, { now: at(2.5) });
    expect([r.ended, r.reevaluated]).toEqual([[], []]);
    expect(h.sandbox.requests).toEqual([]);
  });
});

describe('revocation and broader scopes', () => {
  it('a revoked resource-group exception (every rule) is re-evaluated at the next run: each excepted workspace under it is fixed', async () => {
    const w = await world();
    {
      await w.ctx.store.state.set(EXPIRY_STATE_KEY, T0.toISOString());
      const e = await approvedException(w, `/subscriptions/${SUB2}/resourceGroups/rg-team`, '*', 24);
      await sweep({ ...w.ctx, config: { ...w.ctx.config, mode: 'audit' } }, { subscriptions: [SUB2], budget: new WriteBudget(0) });
      expect((await w.ctx.store.findings.list({ status: 'excepted' })).map((f) => f.resourceId).sort()).toEqual([A.id, B.id]);
      expect((await w.ctx.store.findings.list({ status: 'open' })).map((f) => f.resourceId)).toEqual([OUT.id]);

      w.setNow(at(1));
      const revoked = await call(w.deps, 'POST', `/api/exceptions/${e.id}/revoke`, { token: approver, body: { reason: 'incident: close it now' } });
      expect(revoked.status).toBe(200);
      h.sandbox.clearRequests();
      const r = await reconcileExceptions(w.ctx, { now: at(1.25) });
      expect(r.ended.map((x) => [x.id, x.status])).toEqual([[e.id, 'revoked']]);
      expect([...r.reevaluated].sort()).toEqual([A.id, B.id]);
      expect(patches(w).map((p) => p.path.split('/').pop()).sort()).toEqual(['ws-a', 'ws-b']);
      expect((await w.ctx.store.findings.list({ status: 'resolved' })).map((f) => f.resourceId).sort()).toEqual([A.id, B.id]);
      expect(h.sandbox.getResource(OUT.id)?.properties?.publicNetworkAccess).toBe('Enabled');
    }
  });

  it('the timer expires pending requests older than 7 days, without re-evaluating anything', async () => {
    const w = await world();
    {
      const req = await call(w.deps, 'POST', '/api/exceptions', { token: requester, body: { scope: `/subscriptions/${SUB}`, ruleId: '*', reason: 'forgotten', durationHours: 1 } });
      const r = await reconcileExceptions(w.ctx, { now: at(7 * 24 + 1) });
      expect(r.expiredRequests.map((x) => x.id)).toEqual([(req.json as GuardException).id]);
      expect([r.ended, r.reevaluated]).toEqual([[], []]);
    }
  });
});

describe('a rule on what only ARM holds (AML-WS-007: the diagnostic settings, read on the refresh period)', () => {
  it('an approval marks its finding excepted at the next sweep without reading them again; its expiry reads them and reopens it', async () => {
    const w = await world('AML-WS-007');
    const ctx = w.ctx;
    const diagnostics = () => h.sandbox.requests.filter((r) => /\/diagnosticSettings$/i.test(r.path) && r.path.toLowerCase().startsWith(WS.id.toLowerCase()));
    await sweep(ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
    expect(await ctx.store.findings.get(WS.id, 'AML-WS-007')).toMatchObject({ status: 'open' });

    const e = await approvedException(w, WS.id, 'AML-WS-007', 2);
    w.setNow(at(0.5));
    h.sandbox.clearRequests();
    await sweep(ctx, { subscriptions: [SUB], budget: new WriteBudget(0) });
    expect(diagnostics(), 'not due half an hour later').toEqual([]);
    expect(await ctx.store.findings.get(WS.id, 'AML-WS-007')).toMatchObject({ status: 'excepted', exceptionId: e.id });

    h.sandbox.clearRequests();
    const r = await reconcileExceptions(ctx, { now: at(2.25) });
    expect(r.reevaluated).toEqual([WS.id]);
    expect(diagnostics()).toHaveLength(1);
    const finding = await ctx.store.findings.get(WS.id, 'AML-WS-007');
    expect(finding).toMatchObject({ status: 'open' });
    expect(finding?.exceptionId).toBeUndefined();
  });
});
