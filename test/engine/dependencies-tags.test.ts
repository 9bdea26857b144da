import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { sweep, WriteBudget } from '../../src/engine';
import { resourceGroup, resourceGroupId, storageAccount, storageId } from '../support/dependency-estate';
import { startHarness, workspace, type Harness } from '../support/harness';

const SUB = '9f4a5b62-7c8d-4e9f-a0b1-2c3d4e5f6a7b';
const ST = storageId(SUB, 'rg-data', 'sttags');
const WS = { ...workspace(SUB, 'rg-ml', 'ws-tags', { publicNetworkAccess: 'Disabled', storageAccount: ST }), tags: { env: 'prod' } };
const WS_NO_SOURCE = { ...workspace(SUB, 'rg-bare', 'ws-bare', { publicNetworkAccess: 'Disabled' }), tags: {} };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(
    [resourceGroup(SUB, 'rg-ml', { Owner: 'ml-platform' }), resourceGroup(SUB, 'rg-data', { owner: 'data-team', env: 'x' }), WS, WS_NO_SOURCE, storageAccount(ST, { publicNetworkAccess: 'Disabled', allowSharedKeyAccess: false }, { env: 'prod' })],
    { config: { copyTagsFromResourceGroup: true, ruleModes: { 'AML-GOV-001': 'enforce' } } },
  );
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe('AML-GOV-001 copy from the resource group (opt-in, enforce)', () => {
  it('merges the owner tag from each resource group into the workspace and its linked account; reports where the group has none', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    const gov = result.actions.filter((a) => a.ruleId === 'AML-GOV-001').map((a) => `${a.outcome}:${a.resourceId.split('/').pop()}`).sort();
    expect(gov).toEqual(['applied:sttags', 'applied:ws-tags']);
    const tagWrites = h.sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/providers/Microsoft.Resources/tags/default'));
    expect(tagWrites.map((r) => ({ path: r.path, apiVersion: r.apiVersion, body: r.body }))).toEqual(
      expect.arrayContaining([
        { path: `${WS.id}/providers/Microsoft.Resources/tags/default`, apiVersion: API_VERSIONS.resources, body: { operation: 'Merge', properties: { tags: { owner: 'ml-platform' } } } },
        { path: `${ST}/providers/Microsoft.Resources/tags/default`, apiVersion: API_VERSIONS.resources, body: { operation: 'Merge', properties: { tags: { owner: 'data-team' } } } },
      ]),
    );
    expect(tagWrites).toHaveLength(2);
    expect(h.sandbox.getResource(WS.id)?.tags).toEqual({ env: 'prod', owner: 'ml-platform' });
    expect(h.sandbox.getResource(ST)?.tags).toEqual({ env: 'prod', owner: 'data-team' });
    expect(h.sandbox.getResource(resourceGroupId(SUB, 'rg-ml'))?.tags).toEqual({ Owner: 'ml-platform' });

    const bare = (await h.store.findings.listForResourcePrefix(WS_NO_SOURCE.id)).find((f) => f.ruleId === 'AML-GOV-001');
    expect(bare).toMatchObject({ status: 'open', evidence: { missingTags: ['owner'], resourceGroupValues: { owner: null } } });
    const fixed = (await h.store.findings.listForResourcePrefix(WS.id)).find((f) => f.ruleId === 'AML-GOV-001');
    expect(fixed?.status).toBe('resolved');
    const audit = (await h.store.audit.list({})).find((a) => a.ruleId === 'AML-GOV-001' && a.resourceId === WS.id && a.outcome !== 'attempting');
    expect(audit).toMatchObject({ outcome: 'applied', before: null, after: 'ml-platform' });
  });

  it('a second sweep writes no tag', async () => {
    await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    expect(h.sandbox.requests.filter((r) => r.path.includes('/tags/'))).toEqual([]);
  });
});
