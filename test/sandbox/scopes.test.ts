import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, USER_PRINCIPAL, type Sandbox } from '../../src/sandbox';
import { CI_ID, exampleEstate, NSG_ID, raw, SUB, WS_ID } from './helpers';

const V = '?api-version=2022-04-01';
const RA_SUB = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/b0f43c54-e787-4862-89b1-a653fa9cf747`;
const RA_WS = `${WS_ID}/providers/Microsoft.Authorization/roleAssignments/7f3c2d1e-0a9b-4c8d-8e7f-6a5b4c3d2e1f`;
const FIXTURE_PRINCIPAL = 'ce2ce14e-85d7-4629-bdbc-454d0519d987';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ enforceRole: false, estate: exampleEstate(), pageSize: 2 });
});
afterAll(() => sandbox.close());

type List = { value: Array<{ id: string; name: string }>; nextLink?: string };
async function listAll(path: string): Promise<Array<{ id: string; name: string }>> {
  const out: Array<{ id: string; name: string }> = [];
  let next: string | undefined = path;
  while (next) {
    const res = await raw(sandbox, 'GET', next);
    expect(res.status).toBe(200);
    const page = res.body as List;
    out.push(...page.value);
    next = page.nextLink;
  }
  return out;
}

describe('subscriptions and resource groups', () => {
  it('lists the subscriptions found in the estate', async () => {
    const res = await raw(sandbox, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(res.body).toEqual({ value: [{ id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: expect.any(String), state: 'Enabled', tenantId: expect.any(String) }] });
  });

  it('synthesizes a resource group any resource lives in, and 404s an empty one', async () => {
    const rg = await raw(sandbox, 'GET', `/subscriptions/${SUB}/resourcegroups/RG1?api-version=2022-09-01`);
    expect(rg).toMatchObject({ status: 200, body: { id: `/subscriptions/${SUB}/resourceGroups/rg1`, name: 'rg1', type: 'Microsoft.Resources/resourceGroups', location: 'eastus', tags: {} } });
    const none = await raw(sandbox, 'GET', `/subscriptions/${SUB}/resourcegroups/empty?api-version=2022-09-01`);
    expect(none).toMatchObject({ status: 404, body: { error: { code: 'ResourceGroupNotFound' } } });
    expect((await listAll(`/subscriptions/${SUB}/resourcegroups?api-version=2022-09-01`)).map((g) => g.name)).toEqual(['workspace-1234', 'workspace-5678', 'rg1']);
  });

  it('creates, tags and deletes a resource group (deleting what is inside)', async () => {
    const put = await raw(sandbox, 'PUT', `/subscriptions/${SUB}/resourceGroups/scratch?api-version=2022-09-01`, { body: { location: 'westeurope', tags: { owner: 'x' } } });
    expect(put).toMatchObject({ status: 201, body: { name: 'scratch', location: 'westeurope', tags: { owner: 'x' } } });
    const ws = await raw(sandbox, 'PUT', `/subscriptions/${SUB}/resourceGroups/scratch/providers/Microsoft.Storage/storageAccounts/sa1?api-version=2025-01-01`, {
      body: { location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' }, properties: { publicNetworkAccess: 'Enabled' } },
    });
    expect(ws).toMatchObject({ status: 201, body: { type: 'Microsoft.Storage/storageAccounts', properties: { provisioningState: 'Succeeded' } } });
    const patched = await raw(sandbox, 'PATCH', `/subscriptions/${SUB}/resourceGroups/scratch?api-version=2022-09-01`, { body: { tags: { owner: null, team: 'ml' } } });
    expect(patched.body).toMatchObject({ tags: { team: 'ml' } });
    expect(await raw(sandbox, 'DELETE', `/subscriptions/${SUB}/resourceGroups/scratch?api-version=2022-09-01`)).toMatchObject({ status: 200 });
    expect(sandbox.estate().some((r) => r.id.includes('/scratch'))).toBe(false);
  });
});

describe('collections', () => {
  it('lists by subscription, by group and generic /resources with $filter', async () => {
    expect((await listAll(`/subscriptions/${SUB}/providers/Microsoft.Network/networkSecurityGroups?api-version=2026-01-01`)).map((r) => r.id)).toEqual([NSG_ID]);
    expect((await listAll(`/subscriptions/${SUB}/resourceGroups/workspace-1234/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-12-01`)).map((r) => r.name)).toEqual(['testworkspace', 'testworkspace1']);
    const computes = await listAll(`/subscriptions/${SUB}/resources?api-version=2022-09-01&$filter=resourceType eq 'Microsoft.MachineLearningServices/workspaces/computes'`);
    expect(computes.map((r) => r.name)).toEqual(['compute123', 'cluster1']);
    const bad = await raw(sandbox, 'GET', `/subscriptions/${SUB}/resources?api-version=2022-09-01&$filter=tagName eq 'x'`);
    expect(bad.status).toBe(400);
  });

  it('404s the children of a missing parent', async () => {
    const res = await raw(sandbox, 'GET', `${WS_ID}x/computes?api-version=2025-12-01`);
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound' } } });
  });
});

describe('role assignments', () => {
  it('creates one at workspace scope as a resource of its own', async () => {
    const res = await raw(sandbox, 'PUT', `${RA_WS}${V}`, {
      body: { properties: { roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, principalId: USER_PRINCIPAL.oid, principalType: 'User' } },
    });
    expect(res).toMatchObject({ status: 201, body: { id: RA_WS, type: 'Microsoft.Authorization/roleAssignments', properties: { scope: WS_ID, principalId: USER_PRINCIPAL.oid } } });
  });

  it('filters as ARM does: none = at/above/below, atScope() = at/above, principalId eq = any relation for that principal', async () => {
    const ids = async (scope: string, filter?: string) =>
      (await listAll(`${scope}/providers/Microsoft.Authorization/roleAssignments${V}${filter ? `&$filter=${encodeURIComponent(filter)}` : ''}`)).map((r) => r.id);
    const sub = `/subscriptions/${SUB}`;
    expect(await ids(sub)).toEqual([RA_SUB, RA_WS]);
    expect(await ids(sub, 'atScope()')).toEqual([RA_SUB]);
    expect(await ids(WS_ID, 'atScope()')).toEqual([RA_SUB, RA_WS]);
    expect(await ids(CI_ID)).toEqual([RA_SUB, RA_WS]);
    expect(await ids(sub, `principalId eq '${USER_PRINCIPAL.oid}'`)).toEqual([RA_WS]);
    expect(await ids(NSG_ID, `principalId eq '${FIXTURE_PRINCIPAL}'`)).toEqual([RA_SUB]);
    expect(await ids(NSG_ID, `principalId eq '${USER_PRINCIPAL.oid}'`)).toEqual([]);
  });

  it('deletes an assignment (and a workspace delete removes what is below it)', async () => {
    const del = await raw(sandbox, 'DELETE', `${RA_SUB}${V}`);
    expect(del.status).toBe(200);
    expect(sandbox.events.at(-1)).toMatchObject({ eventType: 'Microsoft.Resources.ResourceDeleteSuccess', data: { operationName: 'Microsoft.Authorization/roleAssignments/delete', resourceProvider: 'Microsoft.Authorization' } });
    const lro = await raw(sandbox, 'DELETE', `${WS_ID}?api-version=2025-12-01`);
    expect(lro.status).toBe(202);
    const location = String(lro.headers.location);
    expect((await raw(sandbox, 'GET', location)).status).toBe(202);
    expect((await raw(sandbox, 'GET', location)).status).toBe(204);
    expect(sandbox.getResource(WS_ID)).toBeUndefined();
    expect(sandbox.getResource(CI_ID)).toBeUndefined();
    expect(sandbox.getResource(RA_WS)).toBeUndefined();
  });

  it('rejects PUT below a missing parent with ParentResourceNotFound', async () => {
    const res = await raw(sandbox, 'PUT', `${WS_ID}/computes/orphan?api-version=2025-12-01`, { body: { location: 'eastus', properties: { computeType: 'ComputeInstance' } } });
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'ParentResourceNotFound' } } });
  });
});
