import { describe, expect, it } from 'vitest';
import { parseRoleAssignmentFilter } from '../../src/sandbox/handlers/role-assignments';
import { mergePatch } from '../../src/sandbox/merge-patch';
import { paginate } from '../../src/sandbox/paging';
import { TokenBucket } from '../../src/sandbox/rate-limit';
import { parseRoute } from '../../src/sandbox/route';
import { issueToken, verifyToken } from '../../src/sandbox/token';
import { GUARD_PRINCIPAL, SANDBOX_TENANT_ID } from '../../src/sandbox';

describe('mergePatch (RFC 7386)', () => {
  it('merges objects recursively, replaces arrays, deletes on null, leaves inputs alone', () => {
    const target = { a: 1, o: { x: 1, y: 2 }, list: [1, 2], gone: true };
    const out = mergePatch(target, { o: { y: 3, z: 4 }, list: [9], gone: null, added: 'v' });
    expect(out).toEqual({ a: 1, o: { x: 1, y: 3, z: 4 }, list: [9], added: 'v' });
    expect(target).toEqual({ a: 1, o: { x: 1, y: 2 }, list: [1, 2], gone: true });
  });
  it('replaces a non-object target', () => {
    expect(mergePatch({ a: 'text' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });
});

describe('paginate', () => {
  const url = new URL('https://127.0.0.1:1/subscriptions/s/providers/X/y?api-version=1&$filter=a');
  it('gives an absolute nextLink with a skip token and the other query parameters', () => {
    const first = paginate([1, 2, 3, 4, 5], url, 2);
    expect(first.value).toEqual([1, 2]);
    const next = new URL(first.nextLink!);
    expect(next.origin).toBe(url.origin);
    expect(next.searchParams.get('api-version')).toBe('1');
    expect(next.searchParams.get('$filter')).toBe('a');
    const last = paginate([1, 2, 3, 4, 5], new URL(paginate([1, 2, 3, 4, 5], next, 2).nextLink!), 2);
    expect(last).toEqual({ value: [5] });
  });
  it('rejects a bad skip token', () => {
    expect(() => paginate([1], new URL(`${url.href}&$skiptoken=zz`), 2)).toThrow(/skip token/);
  });
});

describe('TokenBucket', () => {
  it('allows a burst of capacity, then asks to wait until a token refills', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 0.5 }, () => now);
    expect([bucket.take(), bucket.take()]).toEqual([0, 0]);
    expect(bucket.take()).toBe(2);
    now = 2000;
    expect(bucket.take()).toBe(0);
  });
});

describe('parseRoute', () => {
  it('classifies paths', () => {
    const s = '/subscriptions/00000000-1111-2222-3333-444444444444';
    expect(parseRoute('/subscriptions').kind).toBe('subscriptions');
    expect(parseRoute(`${s}/resourcegroups/rg`).kind).toBe('resourceGroup');
    expect(parseRoute(`${s}/providers/Microsoft.X/locations/eastus/operationStatuses/abc`)).toMatchObject({ kind: 'operation', flavor: 'status', operationId: 'abc' });
    const ext = parseRoute(`${s}/resourceGroups/rg/providers/Microsoft.X/a/n/providers/Microsoft.Authorization/roleAssignments/g`);
    expect(ext).toMatchObject({ kind: 'resource', target: { scope: `${s}/resourceGroups/rg/providers/Microsoft.X/a/n`, type: 'Microsoft.Authorization/roleAssignments' } });
    expect(parseRoute(`${s}/resourceGroups/rg/providers/Microsoft.X/a/n/b`)).toMatchObject({ kind: 'collection', target: { types: ['a', 'b'], names: ['n'] } });
  });
  it('rejects a malformed subscription id with ARM 400', () => {
    expect(() => parseRoute('/subscriptions/subid/resourceGroups/rg')).toThrow(/malformed/);
  });
});

describe('role assignment $filter', () => {
  it('understands atScope(), principalId eq, assignedTo and their combination', () => {
    expect(parseRoleAssignmentFilter(null).relations).toEqual(['at', 'above', 'below']);
    expect(parseRoleAssignmentFilter('atScope()').relations).toEqual(['at', 'above']);
    expect(parseRoleAssignmentFilter("principalId eq 'abc'")).toEqual({ relations: ['at', 'above', 'below'], principalId: 'abc' });
    expect(parseRoleAssignmentFilter("assignedTo('abc')").principalId).toBe('abc');
    expect(parseRoleAssignmentFilter("atScope() and principalId eq 'abc'")).toEqual({ relations: ['at', 'above'], principalId: 'abc' });
    expect(() => parseRoleAssignmentFilter("roleDefinitionId eq 'x'")).toThrow(/not supported/);
  });
});

describe('tokens', () => {
  it('verifies what it issues and rejects tampering and expiry', () => {
    const { token } = issueToken(GUARD_PRINCIPAL, SANDBOX_TENANT_ID);
    const ok = verifyToken(token);
    expect(ok).toMatchObject({ ok: true, claims: { oid: GUARD_PRINCIPAL.oid, appid: GUARD_PRINCIPAL.appId, name: 'aml-guard', tid: SANDBOX_TENANT_ID } });
    const [h, p] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), oid: 'x' })).toString('base64url');
    expect(verifyToken(`${h}.${forged}.${token.split('.')[2]}`).ok).toBe(false);
    expect(verifyToken(token, Date.now() + 2 * 3600_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/expired/) });
  });
});
