import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { resourceGroup as resourceGroupDescriptor } from '../../src/resources/resource-group';
import { ResourceTypes } from '../../src/model';
import { keyVault, keyVaultId, registry, registryId, resourceGroup, resourceGroupId, storageAccount, storageId } from '../support/dependency-estate';
import { startHarness, type Harness } from '../support/harness';

const SUB = '6c1e2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ST = storageId(SUB, 'rg-data', 'stml');
const KV = keyVaultId(SUB, 'rg-sec', 'kv-ml');
const ACR = registryId(SUB, 'rg-img', 'acrml');
const RG = resourceGroupId(SUB, 'rg-data');

let h: Harness;
beforeAll(async () => {
  h = await startHarness([resourceGroup(SUB, 'rg-data', { owner: 'data-team' }), storageAccount(ST), keyVault(KV), registry(ACR)]);
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe('dependency reads through the modular SDKs', () => {
  it.each([
    [ST, API_VERSIONS.storage, ResourceTypes.storageAccount],
    [KV, API_VERSIONS.keyVault, ResourceTypes.keyVault],
    [ACR, API_VERSIONS.containerRegistry, ResourceTypes.containerRegistry],
  ])('reads %s in ARM wire shape at its pinned api-version', async (id, apiVersion, type) => {
    const r = await h.ctx.reader.get(id);
    expect(r).toEqual(h.sandbox.getResource(id));
    expect(h.sandbox.requests.map((q) => `${q.method} ${q.apiVersion}`)).toEqual([`GET ${apiVersion}`]);
    expect(h.ctx.reader.readableTypes.has(type)).toBe(true);
  });

  it('reads by a mixed-case id and keeps ARM spelling', async () => {
    const r = await h.ctx.reader.get(ST.replace('resourceGroups', 'resourcegroups').replace('Microsoft.Storage', 'microsoft.storage').toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'));
    expect(r?.id).toBe(ST);
  });

  it('reads a resource group (for its tags) at the resources api-version; the sweep never visits groups', async () => {
    const r = await h.ctx.reader.get(RG);
    expect(r).toMatchObject({ id: RG, type: 'Microsoft.Resources/resourceGroups', tags: { owner: 'data-team' } });
    expect(h.sandbox.requests.map((q) => `${q.method} ${q.path.toLowerCase()} ${q.apiVersion}`)).toEqual([`GET ${RG.toLowerCase()} ${API_VERSIONS.resources}`]);
    expect(h.ctx.reader.readableTypes.has(resourceGroupDescriptor.type)).toBe(true);
    expect(h.ctx.reader.readableTypes.has('')).toBe(false);
  });

  it('answers null for deleted resources and groups (404)', async () => {
    expect(await h.ctx.reader.get(storageId(SUB, 'rg-data', 'gone'))).toBeNull();
    expect(await h.ctx.reader.get(keyVaultId(SUB, 'rg-nowhere', 'kv'))).toBeNull();
    expect(await h.ctx.reader.get(registryId(SUB, 'rg-img', 'gone'))).toBeNull();
    expect(await h.ctx.reader.get(resourceGroupId(SUB, 'rg-nowhere'))).toBeNull();
  });
});
