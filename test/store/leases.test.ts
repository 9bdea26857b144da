import { beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, type GuardStore, type InventoryItem } from '../../src/store';
import { testStore } from '../support/store';
import { SUB, WS } from './fixtures';

let store: GuardStore;
beforeEach(async () => {
  store = await testStore();
});

const T0 = new Date('2026-11-30T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 60_000;
const item: InventoryItem = { resourceId: WS, subscriptionId: SUB, type: 'microsoft.machinelearningservices/workspaces', name: 'WS1', lastEvaluated: T0.toISOString(), deleted: false, publicNetworkAccessDisabled: true };

async function held(now: Date, eventId?: string) {
  const r = await store.leases.acquire(WS, { now, ttlMs: TTL, ...(eventId ? { eventId } : {}) });
  if (r.kind !== 'acquired') throw new Error(`expected the lease, got ${r.kind}`);
  return r.lease;
}

describe('resource leases', () => {
  it('one holder at a time: taken until released, then free again', async () => {
    const lease = await held(T0);
    expect(await store.leases.acquire(WS.toLowerCase(), { now: at(1000), ttlMs: TTL })).toEqual({ kind: 'taken', expiresAt: at(TTL).toISOString() });
    await store.leases.commit(lease, undefined, at(2000));
    expect((await store.leases.acquire(WS, { now: at(3000), ttlMs: TTL })).kind).toBe('acquired');
  });

  it('of many concurrent takers, exactly one gets it', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => store.leases.acquire(WS, { now: T0, ttlMs: TTL })));
    expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'taken')).toHaveLength(5);
  });

  it('an event claimed with the lease: a duplicate while it runs finds it taken, after the commit it is processed', async () => {
    const lease = await held(T0, 'evt-1');
    expect((await store.leases.acquire(WS, { now: at(10), ttlMs: TTL, eventId: 'evt-1' })).kind).toBe('taken');
    await store.leases.commit(lease, item, at(20));
    expect(await store.leases.acquire(WS, { now: at(30), ttlMs: TTL, eventId: 'evt-1' })).toEqual({ kind: 'processed' });
    // Another event about the resource takes the lease.
    expect((await store.leases.acquire(WS, { now: at(40), ttlMs: TTL, eventId: 'evt-2' })).kind).toBe('acquired');
  });

  it('the commit writes the inventory row in the same transaction; lease and event rows never show in the inventory', async () => {
    const lease = await held(T0, 'evt-inv');
    expect(await store.inventory.list({ subscriptionId: SUB, includeDeleted: true })).toEqual([]);
    await store.leases.commit(lease, item, at(10));
    expect(await store.inventory.get(WS)).toEqual(item);
    await held(at(20), 'evt-other');
    expect(await store.inventory.list({ subscriptionId: SUB, includeDeleted: true })).toEqual([item]);
    expect(await store.inventory.list({})).toEqual([item]);
  });

  it("a crashed holder's lease lapses: taken over after its expiry, the late holder's commit then fails (it lost the lease)", async () => {
    const crashed = await held(T0, 'evt-crash');
    expect((await store.leases.acquire(WS, { now: at(TTL - 1), ttlMs: TTL, eventId: 'evt-crash' })).kind).toBe('taken');
    const survivor = await held(at(TTL + 1), 'evt-crash');
    await expect(store.leases.commit(crashed, undefined, at(TTL + 2))).rejects.toBeInstanceOf(ConcurrencyError);
    await store.leases.commit(survivor, item, at(TTL + 3));
    expect(await store.leases.acquire(WS, { now: at(TTL + 4), ttlMs: TTL, eventId: 'evt-crash' })).toEqual({ kind: 'processed' });
  });

  it('abandon (after a failure) frees the lease and the event claim: the redelivery is processed, not a duplicate', async () => {
    const lease = await held(T0, 'evt-fail');
    await store.leases.abandon(lease);
    expect((await store.leases.acquire(WS, { now: at(10), ttlMs: TTL, eventId: 'evt-fail' })).kind).toBe('acquired');
  });
});
