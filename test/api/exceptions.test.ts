import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDeps, ApiResponse } from '../../src/api';
import { jwtAuthenticator, refusingAuthenticator } from '../../src/auth';
import type { GuardContext } from '../../src/engine';
import type { GuardException } from '../../src/model';
import { startTestIssuer, type TestIssuer } from '../auth/test-issuer';
import { startHarness, workspace, type Harness } from '../support/harness';
import { APPROVER2_OID, APPROVER_OID, call, errorOf, READER_OID, REQUESTER_OID } from './helpers';

const SUB = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const WS = workspace(SUB, 'rg-api', 'ws-api', { publicNetworkAccess: 'Enabled' });
const T0 = new Date('2026-03-02T10:00:00.000Z');

let h: Harness;
let issuer: TestIssuer;
let now = T0;
let ctx: GuardContext;
let deps: ApiDeps;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  [h, issuer] = await Promise.all([startHarness([WS]), startTestIssuer()]);
  ctx = { ...h.ctx, clock: () => now };
  deps = { ctx, auth: jwtAuthenticator(issuer.config) };
  tokens.requester = await issuer.tokenFor(REQUESTER_OID, ['Requester'], 'rita@contoso.example');
  tokens.approver = await issuer.tokenFor(APPROVER_OID, ['Approver'], 'abe@contoso.example');
  tokens.approver2 = await issuer.tokenFor(APPROVER2_OID, ['Approver']);
  tokens.reader = await issuer.tokenFor(READER_OID, ['Reader']);
  tokens.both = await issuer.tokenFor(REQUESTER_OID, ['Requester', 'Approver'], 'rita@contoso.example');
  tokens.noRoles = await issuer.tokenFor(READER_OID, []);
});
afterAll(async () => {
  await Promise.all([h.close(), issuer.close()]);
});

const body = (over: Record<string, unknown> = {}) => ({ scope: WS.id, ruleId: 'AML-WS-001', reason: 'partner pilot needs public access', durationHours: 48, ...over });

async function requested(over: Record<string, unknown> = {}, token = tokens.requester!): Promise<GuardException> {
  const res = await call(deps, 'POST', '/api/exceptions', { token, body: body(over) });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as GuardException;
}

const act = (id: string, action: string, token: string, b?: unknown) => call(deps, 'POST', `/api/exceptions/${id}/${action}`, { token, ...(b !== undefined ? { body: b } : {}) });

function expectError(res: ApiResponse, status: number, code: string, extra: Record<string, unknown> = {}): void {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(errorOf(res)).toMatchObject({ code, ...extra });
  expect(JSON.stringify(res.json)).not.toMatch(/\n\s+at |\.ts:\d+/);
}

/** Oldest first; entries written in the same millisecond (the clock is pinned) in lifecycle order. */
const RANK: Record<string, number> = { request: 0, approve: 1, reject: 1, withdraw: 1, revoke: 2, expire: 3 };
async function auditFor(id: string) {
  const all = await h.store.audit.list({ category: 'exception', until: '2030-01-01T00:00:00Z', since: '2026-01-01T00:00:00Z' });
  return all.filter((a) => a.exceptionId === id).sort((a, b) => a.at.localeCompare(b.at) || (RANK[a.action] ?? 9) - (RANK[b.action] ?? 9));
}

describe('workflow', () => {
  it('request -> pending by the caller (oid), then approve by someone else -> approved until approvedAt + duration', async () => {
    const e = await requested();
    expect(e).toMatchObject({ status: 'pending', requestedBy: REQUESTER_OID, requestedByName: 'rita@contoso.example', scope: WS.id, subscriptionId: SUB, createdAt: T0.toISOString() });
    expect(e).not.toHaveProperty('etag');

    now = new Date(T0.getTime() + 3600_000);
    const res = await act(e.id, 'approve', tokens.approver!, { comment: 'ok for the pilot' });
    expect(res.status).toBe(200);
    expect(res.headers.ETag).toBeTruthy();
    expect(res.json).toMatchObject({ status: 'approved', approvedBy: APPROVER_OID, approvedByName: 'abe@contoso.example', approvedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 48 * 3600_000).toISOString() });
    expect(await h.store.exceptions.activeFor(WS.id, 'AML-WS-001', now)).toMatchObject({ id: e.id });

    const again = await act(e.id, 'approve', tokens.approver2!);
    expectError(again, 409, 'InvalidTransition', { currentStatus: 'approved' });
    expectError(await act(e.id, 'reject', tokens.approver!, { reason: 'changed my mind' }), 409, 'InvalidTransition', { currentStatus: 'approved' });

    expectError(await act(e.id, 'revoke', tokens.approver!, {}), 400, 'InvalidBody', { field: 'reason' });
    expectError(await act(e.id, 'revoke', tokens.requester!, { reason: 'done early' }), 403, 'MissingRole');
    const revoked = await act(e.id, 'revoke', tokens.approver2!, { reason: 'private link is live' });
    expect(revoked.json).toMatchObject({ status: 'revoked', decidedBy: APPROVER2_OID, decisionReason: 'private link is live' });
    expect(await h.store.exceptions.activeFor(WS.id, 'AML-WS-001', now)).toBeUndefined();
    expectError(await act(e.id, 'revoke', tokens.approver!, { reason: 'again' }), 409, 'InvalidTransition', { currentStatus: 'revoked' });

    const audit = await auditFor(e.id);
    expect(audit.map((a) => [a.action, a.before, a.after, a.actor])).toEqual([
      ['request', null, 'pending', REQUESTER_OID],
      ['approve', 'pending', 'approved', APPROVER_OID],
      ['revoke', 'approved', 'revoked', APPROVER2_OID],
    ]);
    expect(audit.every((a) => a.category === 'exception' && a.resourceId === WS.id && a.ruleId === 'AML-WS-001')).toBe(true);
    expect(audit[2]!.summary).toMatch(/private link is live/);
    now = T0;
  });

  it('reject: pending -> rejected with a reason (required); then nothing more', async () => {
    const e = await requested();
    expectError(await act(e.id, 'reject', tokens.approver!), 400, 'MissingBody');
    expectError(await act(e.id, 'reject', tokens.approver!, { reason: '   ' }), 400, 'InvalidBody', { field: 'reason' });
    const res = await act(e.id, 'reject', tokens.approver!, { reason: 'use a private endpoint' });
    expect(res.json).toMatchObject({ status: 'rejected', decidedBy: APPROVER_OID, decisionReason: 'use a private endpoint' });
    expectError(await act(e.id, 'approve', tokens.approver2!), 409, 'InvalidTransition', { currentStatus: 'rejected' });
    expect((await auditFor(e.id)).map((a) => `${a.before}->${a.after}`)).toEqual(['null->pending', 'pending->rejected']);
  });

  it('withdraw: the requester revokes their own pending request; nobody else may, and approvers reject instead', async () => {
    const e = await requested();
    expectError(await act(e.id, 'revoke', tokens.approver!, { reason: 'no' }), 409, 'InvalidTransition', { currentStatus: 'pending' });
    const res = await act(e.id, 'revoke', tokens.requester!, { reason: 'not needed any more' });
    expect(res.json).toMatchObject({ status: 'revoked', decidedBy: REQUESTER_OID });
    expect((await auditFor(e.id)).map((a) => a.action)).toEqual(['request', 'withdraw']);
  });

  it('separation of duties: the requester cannot approve their own request, even holding the Approver role', async () => {
    const e = await requested({}, tokens.both!);
    const res = await act(e.id, 'approve', tokens.both!);
    expectError(res, 403, 'SeparationOfDuties');
    expect(errorOf(res).message).toMatch(/separation of duties/);
    expect((await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens.reader })).json).toMatchObject({ status: 'pending' });
  });

  it('roles: requesting needs Requester, approving and rejecting need Approver, reading any of the three', async () => {
    expectError(await call(deps, 'POST', '/api/exceptions', { token: tokens.approver, body: body() }), 403, 'MissingRole');
    const e = await requested();
    expectError(await act(e.id, 'approve', tokens.requester!), 403, 'MissingRole');
    expectError(await act(e.id, 'reject', tokens.reader!, { reason: 'x' }), 403, 'MissingRole');
    for (const t of ['reader', 'requester', 'approver']) expect((await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens[t] })).status).toBe(200);
    const none = await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens.noRoles });
    expectError(none, 403, 'MissingRole');
    expect(none.headers['WWW-Authenticate']).toMatch(/insufficient_scope/);
  });

  it('two approvers racing: one 200, one 409, one approval in the audit', async () => {
    const e = await requested();
    const results = await Promise.all([act(e.id, 'approve', tokens.approver!), act(e.id, 'approve', tokens.approver2!)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(['Conflict', 'InvalidTransition']).toContain(errorOf(loser).code);
    expect((await auditFor(e.id)).filter((a) => a.action === 'approve')).toHaveLength(1);
    const winner = (results.find((r) => r.status === 200)!.json as GuardException).approvedBy;
    expect((await h.store.exceptions.getById(e.id))?.approvedBy).toBe(winner);
  });

  it('a pending request expires after 7 days (lazily on read) and can no longer be approved', async () => {
    const e = await requested();
    now = new Date(T0.getTime() + 7 * 24 * 3600_000 - 1000);
    expect((await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens.reader })).json).toMatchObject({ status: 'pending' });
    now = new Date(T0.getTime() + 7 * 24 * 3600_000);
    const listed = await call(deps, 'GET', '/api/exceptions', { token: tokens.reader, query: { status: 'pending' } });
    expect((listed.json as { exceptions: GuardException[] }).exceptions.map((x) => x.id)).not.toContain(e.id);
    expect((await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens.reader })).json).toMatchObject({ status: 'expired', decidedBy: 'aml-guard' });
    expectError(await act(e.id, 'approve', tokens.approver!), 409, 'InvalidTransition', { currentStatus: 'expired' });
    expect((await auditFor(e.id)).map((a) => `${a.action}:${a.actor}`)).toEqual([`request:${REQUESTER_OID}`, 'expire:aml-guard']);
    now = T0;
  });

  it('an approved exception past its deadline reads as expired', async () => {
    const e = await requested({ durationHours: 1 });
    await act(e.id, 'approve', tokens.approver!);
    now = new Date(T0.getTime() + 3600_000);
    expect((await call(deps, 'GET', `/api/exceptions/${e.id}`, { token: tokens.reader })).json).toMatchObject({ status: 'expired' });
    now = T0;
  });
});

describe('reads', () => {
  it('GET /api/exceptions filters by status and by scope (at, under or above it); unknown ids 404, bad ids 400', async () => {
    const rg = `/subscriptions/${SUB}/resourceGroups/rg-api`;
    const other = `/subscriptions/${SUB}/resourceGroups/rg-other`;
    const onRg = await requested({ scope: rg.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'), ruleId: '*' });
    const onOther = await requested({ scope: other });
    const list = async (query: Record<string, string>) => {
      const res = await call(deps, 'GET', '/api/exceptions', { token: tokens.reader, query });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      return (res.json as { exceptions: GuardException[] }).exceptions.map((x) => x.id);
    };
    const forWs = await list({ scope: WS.id });
    expect(forWs).toContain(onRg.id);
    expect(forWs).not.toContain(onOther.id);
    expect(await list({ scope: other, status: 'pending' })).toEqual([onOther.id]);
    expect(await list({ status: 'rejected' })).not.toContain(onOther.id);
    expectError(await call(deps, 'GET', '/api/exceptions', { token: tokens.reader, query: { status: 'active' } }), 400, 'InvalidQuery', { field: 'status' });
    expectError(await call(deps, 'GET', '/api/exceptions', { token: tokens.reader, query: { scope: 'rg-api' } }), 400, 'InvalidQuery', { field: 'scope' });
    expectError(await call(deps, 'GET', '/api/exceptions', { token: tokens.reader, query: { top: '5' } }), 400, 'UnknownParameter', { field: 'top' });
    expectError(await call(deps, 'GET', '/api/exceptions/7f000000-0000-4000-8000-000000000000', { token: tokens.reader }), 404, 'NotFound');
    expectError(await call(deps, 'GET', "/api/exceptions/x' or '1'='1", { token: tokens.reader }), 400, 'InvalidId', { field: 'id' });
  });

  it('GET /api/findings with filters (Reader); a bad filter is a 400 naming it', async () => {
    await h.store.findings.upsert([
      { ruleId: 'AML-WS-001', resourceId: WS.id, subscriptionId: SUB, severity: 'high', status: 'open', title: 't', evidence: { publicNetworkAccess: 'Enabled' }, firstSeen: T0.toISOString(), lastSeen: T0.toISOString() },
    ]);
    const res = await call(deps, 'GET', '/api/findings', { token: tokens.reader, query: { status: 'open', severity: 'high', ruleId: 'AML-WS-001' } });
    expect(res.status).toBe(200);
    expect((res.json as { findings: unknown[] }).findings).toEqual([expect.objectContaining({ resourceId: WS.id, status: 'open' })]);
    expect(((await call(deps, 'GET', '/api/findings', { token: tokens.reader, query: { status: 'resolved' } })).json as { findings: unknown[] }).findings).toEqual([]);
    expectError(await call(deps, 'GET', '/api/findings', { token: tokens.reader, query: { severity: 'urgent' } }), 400, 'InvalidQuery', { field: 'severity' });
    expectError(await call(deps, 'GET', '/api/findings', { token: tokens.reader, query: { ruleId: 'AML-NOPE-001' } }), 400, 'InvalidQuery', { field: 'ruleId' });
    expectError(await call(deps, 'GET', '/api/findings', { token: tokens.noRoles }), 403, 'MissingRole');
  });
});

describe('validation: clear 400s', () => {
  const post = (b: unknown) => call(deps, 'POST', '/api/exceptions', { token: tokens.requester, body: b });

  it('the duration bound: exactly AMLGUARD_EXCEPTION_MAX_HOURS is fine, one more is refused naming the field and the limit', async () => {
    expect(ctx.config.exceptionMaxHours).toBe(720);
    expect((await post(body({ durationHours: 720 }))).status).toBe(201);
    const over = await post(body({ durationHours: 721 }));
    expectError(over, 400, 'InvalidBody', { field: 'durationHours', limit: 720 });
    expect(errorOf(over).message).toMatch(/durationHours.*at most 720 hours \(AMLGUARD_EXCEPTION_MAX_HOURS\)/);
    expectError(await post(body({ durationHours: 0 })), 400, 'InvalidBody', { field: 'durationHours' });
    expectError(await post(body({ durationHours: '48' })), 400, 'InvalidBody', { field: 'durationHours' });
    const tight = { ...deps, ctx: { ...ctx, config: { ...ctx.config, exceptionMaxHours: 24 } } };
    expectError(await call(tight, 'POST', '/api/exceptions', { token: tokens.requester, body: body({ durationHours: 25 }) }), 400, 'InvalidBody', { field: 'durationHours', limit: 24 });
  });

  it('malformed JSON, non-objects, missing and unknown fields, wrong types, unknown rule, malformed scope', async () => {
    expectError(await post('{"scope": '), 400, 'InvalidJson');
    expectError(await post('[]'), 400, 'InvalidBody');
    expectError(await post(''), 400, 'MissingBody');
    expectError(await post({ ruleId: 'AML-WS-001', reason: 'r', durationHours: 1 }), 400, 'InvalidBody', { field: 'scope' });
    expectError(await post(body({ status: 'approved' })), 400, 'UnknownField', { field: 'status' });
    expectError(await post(body({ reason: 42 })), 400, 'InvalidBody', { field: 'reason' });
    const rule = await post(body({ ruleId: 'AML-NOPE-999' }));
    expectError(rule, 400, 'InvalidBody', { field: 'ruleId' });
    expect(errorOf(rule).message).toMatch(/AML-WS-001/);
    for (const scope of ['rg-api', '/subscriptions/not-a-guid', `/subscriptions/${SUB}/resourceGroups`, `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.X/type`]) {
      const res = await post(body({ scope }));
      expectError(res, 400, 'InvalidBody', { field: 'scope' });
      expect(errorOf(res).message).toMatch(/^scope: not a valid ARM resource id/);
    }
    expect((await post(body({ ruleId: '*', scope: `/subscriptions/${SUB}` }))).status).toBe(201);
  });
});

describe('authentication through the API', () => {
  it('no token 401 with a challenge; a bad token 401 invalid_token; auth not configured 503 for everyone', async () => {
    const none = await call(deps, 'GET', '/api/exceptions');
    expectError(none, 401, 'MissingToken');
    expect(none.headers['WWW-Authenticate']).toBe('Bearer realm="aml-guard"');
    const expired = await call(deps, 'GET', '/api/findings', { token: await issuer.sign({ roles: ['AmlGuard.Reader'] }, { expiresIn: -600 }) });
    expectError(expired, 401, 'InvalidToken');
    expect(expired.headers['WWW-Authenticate']).toMatch(/error="invalid_token"/);
    // The auth check comes before validation: an unauthenticated bad body learns nothing.
    expectError(await call(deps, 'POST', '/api/exceptions', { body: '{' }), 401, 'MissingToken');
    const off = { ...deps, auth: refusingAuthenticator('authentication is not configured: set AMLGUARD_AUTH_ISSUER') };
    const res = await call(off, 'GET', '/api/exceptions', { token: tokens.reader });
    expectError(res, 503, 'AuthNotConfigured');
    expect(errorOf(res).message).toMatch(/not configured/);
  });

  it('unknown endpoints 404, wrong methods 405 with Allow, internal errors 500 without a stack', async () => {
    expectError(await call(deps, 'GET', '/api/nothing', { token: tokens.reader }), 404, 'NotFound');
    expectError(await call(deps, 'POST', '/api/exceptions/7f000000-0000-4000-8000-000000000000/extend', { token: tokens.approver }), 404, 'NotFound');
    const del = await call(deps, 'DELETE', '/api/exceptions', { token: tokens.approver });
    expectError(del, 405, 'MethodNotAllowed');
    expect(del.headers.Allow).toBe('GET, POST');
    const errors: string[] = [];
    const broken: ApiDeps = {
      ...deps,
      ctx: {
        ...ctx,
        log: { ...ctx.log, error: (m) => errors.push(m) },
        store: { ...ctx.store, exceptions: { ...ctx.store.exceptions, list: async () => { throw new Error('table exploded at /secret/path'); } } },
      },
    };
    const res = await call(broken, 'GET', '/api/exceptions', { token: tokens.reader });
    expectError(res, 500, 'InternalError');
    expect(JSON.stringify(res.json)).not.toMatch(/exploded|secret/);
    expect(errors.join('\n')).toMatch(/table exploded/);
  });
});
