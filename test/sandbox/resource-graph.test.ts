import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { isRestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SdkArmReader } from '../../src/azure/arm-reader';
import { ArmClients } from '../../src/azure/clients';
import { inventoryQuery, queryInventory, snapshotOfRow } from '../../src/azure/resource-graph';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { exampleBody, readFixture } from '../support/fixtures';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';

const BASIC = 'arm-examples/resourcegraph/2024-04-01/ResourcesBasicQuery.json';
const FILTER = 'arm-examples/resourcegraph/2024-04-01/ResourcesFilterQuery.json';
const SUB = syntheticSubscription(0);
const OTHER = syntheticSubscription(1);
/** A group the estate holds as an object of its own (tags AML-GOV-001 copies); the others are synthesized from their resources. */
const TAGGED_GROUP = { id: `/subscriptions/${SUB}/resourceGroups/rg-team-0`, name: 'rg-team-0', type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', tags: { owner: 'team-0', costCenter: 'cc-7' }, properties: { provisioningState: 'Succeeded' } };

let sandbox: Sandbox;
let client: ResourceGraphClient;

beforeAll(async () => {
  sandbox = await startSandbox({ estate: [...syntheticEstate(6, 2), TAGGED_GROUP], resourceGraphPageSize: 4, enforceRole: false });
  client = new ResourceGraphClient(sandbox.credential(), { endpoint: sandbox.endpoint, tlsOptions: { ca: sandbox.ca } });
});
afterAll(() => sandbox.close());

describe('the sandbox Resource Graph (POST /providers/Microsoft.ResourceGraph/resources, api 2024-04-01)', () => {
  it('answers the inventory query in pages with $skipToken, rows shaped as the official example (lower-case type, subscriptionId, resourceGroup, tenantId)', async () => {
    const query = inventoryQuery('Resources');
    const first = await client.resources({ subscriptions: [SUB], query, options: { resultFormat: 'objectArray' } });
    expect(first.totalRecords).toBe(9); // 3 workspaces, 3 storage accounts, 3 computes in SUB
    expect(first.count).toBe(4);
    expect(first.skipToken).toBeTruthy();
    const rows: Record<string, unknown>[] = [...(first.data as Record<string, unknown>[])];
    let token = first.skipToken;
    while (token) {
      const page = await client.resources({ subscriptions: [SUB], query, options: { resultFormat: 'objectArray', skipToken: token } });
      rows.push(...(page.data as Record<string, unknown>[]));
      token = page.skipToken;
    }
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.subscriptionId === SUB)).toBe(true);
    const official = (exampleBody(BASIC) as { data: Record<string, unknown>[] }).data[0]!;
    const ws = rows.find((r) => String(r.id).endsWith('/workspaces/ws-0'))!;
    for (const column of Object.keys(official)) expect(ws).toHaveProperty(column);
    expect(ws).toMatchObject({ type: 'microsoft.machinelearningservices/workspaces', resourceGroup: 'rg-team-0', tenantId: expect.any(String) });
    // a row read back is the snapshot ARM's GET returns (type as the id spells it)
    expect(snapshotOfRow(ws)).toMatchObject({ id: ws.id, type: 'Microsoft.MachineLearningServices/workspaces', properties: { publicNetworkAccess: 'Enabled' } });
  });

  it('answers the ResourceContainers query with subscription and resource-group rows (a subscription named by its display name, its fields under properties)', async () => {
    const result = await client.resources({ subscriptions: [SUB], query: inventoryQuery('ResourceContainers'), options: { resultFormat: 'objectArray' } });
    const rows = result.data as Record<string, unknown>[];
    expect(rows.map((r) => r.type).sort()).toEqual(['microsoft.resources/subscriptions', ...Array<string>(3).fill('microsoft.resources/subscriptions/resourcegroups')]);
    const official = (exampleBody(BASIC) as { data: Record<string, unknown>[] }).data[0]!;
    for (const row of rows) for (const column of [...Object.keys(official), 'subscriptionId', 'resourceGroup', 'tenantId']) expect(row).toHaveProperty(column);
    const sub = rows.find((r) => r.type === 'microsoft.resources/subscriptions')!;
    expect(sub).toMatchObject({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, resourceGroup: '', properties: { state: 'Enabled' } });
    expect(sub.name).not.toBe(SUB);
    expect(rows.find((r) => String(r.id).endsWith('/rg-team-0'))).toMatchObject({ name: 'rg-team-0', resourceGroup: 'rg-team-0', subscriptionId: SUB, tags: TAGGED_GROUP.tags });
  });

  it('a subscription or resource group row read back is the snapshot ARM\'s GET gives our reader (name, type, displayName, state, tags, location)', async () => {
    const { resources } = await queryInventory({ endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }, [SUB]);
    const reader = new SdkArmReader(new ArmClients({ endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }));
    const ids = [`/subscriptions/${SUB}`, TAGGED_GROUP.id, `/subscriptions/${SUB}/resourceGroups/rg-team-2`];
    for (const id of ids) {
      const fromGraph = resources.find((r) => r.id.toLowerCase() === id.toLowerCase());
      const fromArm = await reader.get(id);
      expect(fromArm, id).not.toBeNull();
      expect(fromGraph, id).toEqual(fromArm);
    }
    expect(resources.find((r) => r.id === `/subscriptions/${SUB}`)).toMatchObject({ name: SUB, type: 'Microsoft.Resources/subscriptions', displayName: expect.any(String) });
    expect(resources.find((r) => r.id === TAGGED_GROUP.id)).toMatchObject({ name: 'rg-team-0', type: 'Microsoft.Resources/resourceGroups', tags: TAGGED_GROUP.tags });
  });

  it('the project inventory reads every page of the three tables across subscriptions', async () => {
    sandbox.clearRequests();
    const result = await queryInventory({ endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }, [SUB, OTHER]);
    expect(result.resources).toHaveLength(18 + 2 + 6);
    expect(result.calls).toBe(5 + 1 + 2); // 18 rows / 4 per page; one (empty) AuthorizationResources page; 2 subscriptions + 6 groups / 4 per page
    expect(sandbox.requests.every((r) => r.apiVersion === '2024-04-01' && r.path === '/providers/Microsoft.ResourceGraph/resources')).toBe(true);
  });

  it('refuses any other query with a 400 naming it (the official examples are not queries the project sends)', async () => {
    for (const file of [BASIC, FILTER]) {
      const { query, subscriptions } = (readFixture(file) as { parameters: { query: { query: string; subscriptions: string[] } } }).parameters.query;
      const error = await client.resources({ subscriptions, query }).catch((e: unknown) => e);
      expect(isRestError(error) && error.statusCode).toBe(400);
      expect(String((error as Error).message)).toContain(query);
    }
  });

  it('refuses a result format other than objectArray and a skip token of another query', async () => {
    const table = await client.resources({ subscriptions: [SUB], query: inventoryQuery('Resources'), options: { resultFormat: 'table' } }).catch((e: unknown) => e);
    expect(isRestError(table) && table.statusCode).toBe(400);
    const first = await client.resources({ subscriptions: [SUB], query: inventoryQuery('Resources') });
    const mixed = await client.resources({ subscriptions: [SUB], query: inventoryQuery('AuthorizationResources'), options: { skipToken: first.skipToken! } }).catch((e: unknown) => e);
    expect(isRestError(mixed) && mixed.statusCode).toBe(400);
  });
});
