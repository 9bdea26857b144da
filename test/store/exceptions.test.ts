import { beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, StoreWriteError, type GuardStore } from '../../src/store';
import { testStore } from '../support/store';
import { COMPUTE, OTHER_SUB, RG, SUB, WS, exception } from './fixtures';

let store: GuardStore;
beforeEach(async () => {
  store = await testStore();
});

const NOW = new Date('2025-01-05T00:00:00.000Z');

describe('exceptions', () => {
  it('create / get / getById / list, with the ETag', async () => {
    const e = exception();
    const created = await store.exceptions.create(e);
    expect(created.etag).toBeTruthy();
    const got = await store.exceptions.get(SUB.toUpperCase(), e.id);
    expect(got).toEqual(created);
    expect(await store.exceptions.getById(e.id)).toEqual(created);
    expect(await store.exceptions.getById('nope')).toBeUndefined();
    expect(await store.exceptions.get(SUB, 'nope')).toBeUndefined();
    expect(await store.exceptions.list()).toEqual([created]);
  });

  it('creating an id twice fails', async () => {
    const e = exception();
    await store.exceptions.create(e);
    const err = await store.exceptions.create(e).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).statusCode).toBe(409);
  });

  it('refuses a scope outside its subscription and ids that cannot be keys', async () => {
    await expect(store.exceptions.create(exception({ subscriptionId: OTHER_SUB }))).rejects.toThrow(/not in subscription/);
    await expect(store.exceptions.create(exception({ id: 'a/b' }))).rejects.toThrow(/cannot be a table key/);
  });

  it('lists by status, subscription and scope', async () => {
    const other = `/subscriptions/${OTHER_SUB}/resourceGroups/rg`;
    await store.exceptions.create(exception({ id: 'e1' }));
    await store.exceptions.create(exception({ id: 'e2', scope: COMPUTE, status: 'pending' }));
    await store.exceptions.create(exception({ id: 'e3', scope: RG.replace('RG-ML', 'RG-ML2') }));
    await store.exceptions.create(exception({ id: 'e4', scope: other, subscriptionId: OTHER_SUB }));
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
    expect(ids(await store.exceptions.list({ status: 'pending' }))).toEqual(['e2']);
    expect(ids(await store.exceptions.list({ subscriptionId: OTHER_SUB.toUpperCase() }))).toEqual(['e4']);
    expect(ids(await store.exceptions.list({ scopePrefix: RG.toLowerCase() }))).toEqual(['e1', 'e2']);
    expect(ids(await store.exceptions.list({ scopePrefix: WS, status: 'approved' }))).toEqual(['e1']);
    expect(ids(await store.exceptions.list({ scopePrefix: `/subscriptions/${SUB}` }))).toEqual(['e1', 'e2', 'e3']);
  });

  describe('activeFor', () => {
    it('matches the resource itself, its resource group, its subscription and its parent', async () => {
      for (const scope of [COMPUTE, WS, RG, `/subscriptions/${SUB}`]) {
        const s = await testStore();
        const e = await s.exceptions.create(exception({ scope }));
        expect(await s.exceptions.activeFor(COMPUTE, 'AML-WS-001', NOW), scope).toEqual(e);
      }
    });

    it("matches rule '*' but not another rule", async () => {
      await store.exceptions.create(exception({ id: 'other-rule', ruleId: 'AML-WS-002' }));
      expect(await store.exceptions.activeFor(WS, 'AML-WS-001', NOW)).toBeUndefined();
      const any = await store.exceptions.create(exception({ id: 'any-rule', ruleId: '*' }));
      expect(await store.exceptions.activeFor(WS, 'AML-WS-001', NOW)).toEqual(any);
    });

    it('ignores expired, pending, rejected, revoked, and other resources', async () => {
      await store.exceptions.create(exception({ expiresAt: '2025-01-04T23:59:59.999Z' }));
      await store.exceptions.create(exception({ status: 'pending', approvedBy: undefined, approvedAt: undefined, expiresAt: undefined }));
      await store.exceptions.create(exception({ status: 'rejected' }));
      await store.exceptions.create(exception({ status: 'revoked' }));
      await store.exceptions.create(exception({ status: 'approved', expiresAt: undefined }));
      await store.exceptions.create(exception({ scope: COMPUTE })); // a child does not cover its parent
      await store.exceptions.create(exception({ scope: `${WS}0` })); // WS10-like sibling: not an ancestor
      expect(await store.exceptions.activeFor(WS, 'AML-WS-001', NOW)).toBeUndefined();
    });

    it('is case-insensitive about scope and resource id', async () => {
      const e = await store.exceptions.create(exception({ scope: RG.toUpperCase().replace('SUBSCRIPTIONS', 'subscriptions') }));
      expect(await store.exceptions.activeFor(COMPUTE.toLowerCase(), 'AML-WS-001', NOW)).toEqual(e);
      expect(await store.exceptions.activeFor(COMPUTE.replace('resourceGroups', 'resourcegroups'), 'AML-WS-001', NOW)).toEqual(e);
    });

    it('prefers the narrowest scope', async () => {
      await store.exceptions.create(exception({ id: 'sub', scope: `/subscriptions/${SUB}`, expiresAt: '2026-01-01T00:00:00.000Z' }));
      await store.exceptions.create(exception({ id: 'ws', scope: WS }));
      expect((await store.exceptions.activeFor(COMPUTE, 'AML-WS-001', NOW))?.id).toBe('ws');
    });
  });

  it('ETag race: two updates with the same etag -> one wins, the other gets ConcurrencyError', async () => {
    const created = await store.exceptions.create(exception({ status: 'pending' }));
    const etag = created.etag!;
    const results = await Promise.allSettled([
      store.exceptions.update({ ...created, status: 'approved', approvedBy: 'bob' }, etag),
      store.exceptions.update({ ...created, status: 'rejected', decidedBy: 'carol' }, etag),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(ConcurrencyError);
    const winner = (ok[0] as PromiseFulfilledResult<{ status: string; etag?: string }>).value;
    const stored = await store.exceptions.get(SUB, created.id);
    expect(stored?.status).toBe(winner.status);
    expect(stored?.etag).toBe(winner.etag);
    expect(stored?.etag).not.toBe(etag);
    // a stale etag keeps failing; the fresh one works
    await expect(store.exceptions.update({ ...created, status: 'revoked' }, etag)).rejects.toBeInstanceOf(ConcurrencyError);
    const revoked = await store.exceptions.update({ ...stored!, status: 'revoked' }, stored!.etag!);
    expect((await store.exceptions.get(SUB, created.id))?.status).toBe('revoked');
    expect(revoked.etag).not.toBe(stored!.etag);
  });

  it('updating a missing exception fails', async () => {
    const err = await store.exceptions.update(exception(), '*').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).statusCode).toBe(404);
  });
});
