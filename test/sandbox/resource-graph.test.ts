import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { isRestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryQuery, queryInventory, snapshotOfRow } from '../../src/azure/resource-graph';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { exampleBody, readFixture } from '../support/fixtures';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';

const BASIC = 'arm-examples/resourcegraph/2024-04-01/ResourcesBasicQuery.json';
const FILTER = 'arm-examples/resourcegraph/2024-04-01/ResourcesFilterQuery.json';
const SUB = syntheticSubscription(0);
const OTHER = syntheticSubscription(1);

let sandbox: Sandbox;
let client: ResourceGraphClient;

beforeAll(async () => {
  sandbox = await startSandbox({ estate: syntheticEstate(6, 2), resourceGraphPageSize: 4, enforceRole: false });
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

  it('the project inventory reads every page of both tables across subscriptions', async () => {
    sandbox.clearRequests();
    const result = await queryInventory({ endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }, [SUB, OTHER]);
    expect(result.resources).toHaveLength(18);
    expect(result.calls).toBe(5 + 1); // 18 rows / 4 per page; one (empty) AuthorizationResources page
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
