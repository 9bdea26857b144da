import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardStore, InventoryItem } from '../../src/store';
import { testStore } from '../support/store';
import { OTHER_SUB, SUB, SUB_UPPER, WS, WS10 } from './fixtures';

let store: GuardStore;
beforeAll(async () => {
  store = await testStore();
});

const item = (resourceId: string, over: Partial<InventoryItem> = {}): InventoryItem => ({
  resourceId,
  subscriptionId: resourceId.split('/')[2]!.toLowerCase(),
  type: resourceId.includes('/computes/') ? 'microsoft.machinelearningservices/workspaces/computes' : 'microsoft.machinelearningservices/workspaces',
  name: resourceId.split('/').pop()!,
  lastEvaluated: '2026-11-25T00:00:00.000Z',
  deleted: false,
  ...over,
});

describe('inventory table', () => {
  it('upserts and reads back rows case-insensitively, keeping the facts', async () => {
    await store.inventory.upsert([
      item(WS, { publicNetworkAccessDisabled: true }),
      item(`${WS}/computes/ci-1`, { computeType: 'ComputeInstance', publicIp: true, state: 'Running' }),
    ]);
    expect(await store.inventory.get(WS.toUpperCase().replace(SUB_UPPER, SUB))).toEqual(item(WS, { publicNetworkAccessDisabled: true }));
    expect(await store.inventory.get(`${WS}/computes/CI-1`)).toMatchObject({ computeType: 'ComputeInstance', publicIp: true, state: 'Running', deleted: false });
    expect(await store.inventory.get(`${WS}/computes/nope`)).toBeUndefined();
  });

  it('lists by subscription and type, leaving deleted rows out unless asked', async () => {
    await store.inventory.upsert([item(WS10, { publicNetworkAccessDisabled: false }), item(`${WS10}/computes/cluster`, { computeType: 'AmlCompute', publicIp: false })]);
    const other = `/subscriptions/${OTHER_SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/elsewhere`;
    await store.inventory.upsert([item(other)]);
    expect((await store.inventory.list({ type: 'microsoft.machinelearningservices/workspaces' })).map((i) => i.name).sort()).toEqual(['WS1', 'WS10', 'elsewhere']);
    expect((await store.inventory.list({ subscriptionId: SUB_UPPER })).length).toBe(4);
  });

  it('marking a workspace deleted flags it and its computes, not a sibling whose id shares the prefix (WS1 vs WS10)', async () => {
    const flagged = await store.inventory.markDeleted(WS.toLowerCase(), '2026-11-25T02:00:00.000Z');
    expect(flagged.map((f) => f.name).sort()).toEqual(['WS1', 'ci-1']);
    expect(await store.inventory.get(WS)).toMatchObject({ deleted: true, deletedAt: '2026-11-25T02:00:00.000Z' });
    expect(await store.inventory.get(`${WS10}/computes/cluster`)).toMatchObject({ deleted: false });
    const live = await store.inventory.list({ subscriptionId: SUB });
    expect(live.map((i) => i.name).sort()).toEqual(['WS10', 'cluster']);
    expect((await store.inventory.list({ subscriptionId: SUB, includeDeleted: true })).length).toBe(4);
    // marking again is a no-op; a resource never seen is fine
    expect(await store.inventory.markDeleted(WS, '2026-11-25T03:00:00.000Z')).toEqual([]);
    expect(await store.inventory.markDeleted(`${WS}/computes/never`, '2026-11-25T03:00:00.000Z')).toEqual([]);
  });

  it('a re-created resource comes back alive on its next upsert', async () => {
    await store.inventory.upsert([item(WS, { lastEvaluated: '2026-11-26T00:00:00.000Z', publicNetworkAccessDisabled: false })]);
    expect(await store.inventory.get(WS)).toEqual(item(WS, { lastEvaluated: '2026-11-26T00:00:00.000Z', publicNetworkAccessDisabled: false }));
  });

  it('refuses an item whose subscriptionId contradicts its id', async () => {
    await expect(store.inventory.upsert([item(WS, { subscriptionId: OTHER_SUB })])).rejects.toThrow(/does not match/);
  });
});
