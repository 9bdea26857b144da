import { beforeEach, describe, expect, it } from 'vitest';
import type { GuardStore } from '../../src/store';
import { testStore } from '../support/store';

let store: GuardStore;
beforeEach(async () => {
  store = await testStore();
});

describe('state', () => {
  it('gets and sets JSON values', async () => {
    expect(await store.state.get('lastExpiryCheck')).toBeUndefined();
    await store.state.set('lastExpiryCheck', '2025-01-01T00:00:00.000Z');
    expect(await store.state.get('lastExpiryCheck')).toBe('2025-01-01T00:00:00.000Z');
    await store.state.set('lastExpiryCheck', { at: '2025-01-02T00:00:00.000Z', count: 3 });
    expect(await store.state.get('lastExpiryCheck')).toEqual({ at: '2025-01-02T00:00:00.000Z', count: 3 });
    await store.state.set('a/b', null);
    expect(await store.state.get('a/b')).toBeNull();
  });
});

describe('poison', () => {
  it('keeps messages, newest first', async () => {
    const now = new Date();
    await store.poison.keep({ source: 'events', messageId: 'm1', body: '{bad', reason: 'not JSON', at: new Date(now.getTime() - 2000).toISOString() });
    await store.poison.keep({ source: 'events', body: 'x'.repeat(100_000), reason: 'out of retries', at: new Date(now.getTime() - 1000).toISOString() });
    const kept = await store.poison.list({ now });
    expect(kept.map((m) => m.reason)).toEqual(['out of retries', 'not JSON']);
    expect(kept[0]!.body.length).toBeLessThan(100_000);
    expect(kept[1]).toMatchObject({ source: 'events', messageId: 'm1', body: '{bad' });
    expect(await store.poison.list({ now, limit: 1 })).toHaveLength(1);
  });
});
