import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SdkArmReader } from '../../src/azure/arm-reader';
import { ArmClients } from '../../src/azure/clients';
import { INVENTORIED_TYPES, snapshotOfRow } from '../../src/azure/resource-graph';
import { SnapshotReader } from '../../src/azure/snapshot-reader';
import { ResourceTypes } from '../../src/model';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { syntheticEstate, syntheticSubscription } from '../../bench/synthetic-estate';

const SUB = syntheticSubscription(0);
const OTHER = syntheticSubscription(1);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('ResourceContainers rows as ARM snapshots', () => {
  // Row shape (azure-rest-api-specs has no ResourceContainers example): the types from Microsoft Learn's Resource Graph
  // query-language page; a subscription's `name`, `subscriptionId`, `properties.state` and `properties.managementGroupAncestorsChain`
  // (items with name / displayName) from the official management-group samples (MicrosoftDocs/azure-docs,
  // articles/governance/resource-graph/includes/samples-by-category/management-groups.md @ 170e136813bb2641fc45e25a4fe8ae25d27d178d);
  // subscriptionPolicies as the Subscriptions API models them.
  it('a subscription row (named by its display name, its fields under properties) becomes ARM\'s GET body, named by its GUID', () => {
    const row = {
      id: `/subscriptions/${SUB}`,
      name: 'Contoso ML Production',
      type: 'microsoft.resources/subscriptions',
      tenantId: TENANT,
      kind: '',
      location: '',
      resourceGroup: '',
      subscriptionId: SUB,
      managedBy: '',
      sku: null,
      plan: null,
      properties: {
        state: 'Enabled',
        subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
        managementGroupAncestorsChain: [{ name: 'mg-ml', displayName: 'ML' }],
      },
      tags: { owner: 'platform' },
      identity: null,
      zones: null,
      extendedLocation: null,
    };
    expect(snapshotOfRow(row)).toEqual({
      id: `/subscriptions/${SUB}`,
      name: SUB,
      type: 'Microsoft.Resources/subscriptions',
      subscriptionId: SUB,
      displayName: 'Contoso ML Production',
      tenantId: TENANT,
      state: 'Enabled',
      subscriptionPolicies: row.properties.subscriptionPolicies,
      tags: { owner: 'platform' },
    });
  });

  it('a resource group row keeps its name, location, tags and properties, with the type as ARM spells it', () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-ML`;
    const row = { id, name: 'rg-ML', type: 'microsoft.resources/subscriptions/resourcegroups', tenantId: TENANT, kind: '', location: 'westeurope', resourceGroup: 'rg-ml', subscriptionId: SUB, managedBy: '', sku: null, plan: null, properties: { provisioningState: 'Succeeded' }, tags: { owner: 'team' }, identity: null, zones: null, extendedLocation: null };
    expect(snapshotOfRow(row)).toEqual({ id, name: 'rg-ML', type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', properties: { provisioningState: 'Succeeded' }, tags: { owner: 'team' } });
  });

  it('the inventory covers subscriptions and resource groups by the type subjectTypeOf gives their ids', () => {
    expect(INVENTORIED_TYPES.has(ResourceTypes.subscription)).toBe(true);
    expect(INVENTORIED_TYPES.has(ResourceTypes.resourceGroup)).toBe(true);
  });
});

describe('SnapshotReader over ResourceContainers', () => {
  let sandbox: Sandbox;
  let live: SdkArmReader;
  beforeAll(async () => {
    sandbox = await startSandbox({ estate: syntheticEstate(4, 2), enforceRole: false });
    live = new SdkArmReader(new ArmClients({ endpoint: sandbox.endpoint, credential: sandbox.credential(), ca: sandbox.ca }));
  });
  afterAll(() => sandbox.close());

  it('answers GETs of the item\'s subscriptions and groups without ARM (an absent group does not exist); another subscription is read from ARM', async () => {
    const { resources } = await live.inventory([SUB]);
    const reader = new SnapshotReader(live, resources, [SUB], INVENTORIED_TYPES);
    const expected = { subscription: await live.get(`/subscriptions/${SUB}`), group: await live.get(`/subscriptions/${SUB}/resourceGroups/rg-team-0`) };
    sandbox.clearRequests();
    expect(await reader.get(`/subscriptions/${SUB}`)).toEqual(expected.subscription);
    expect(await reader.get(`/subscriptions/${SUB}/resourcegroups/RG-TEAM-0`)).toEqual(expected.group);
    expect(await reader.get(`/subscriptions/${SUB}/resourceGroups/rg-gone`)).toBeNull();
    expect(sandbox.requests).toEqual([]);
    expect(await reader.get(`/subscriptions/${OTHER}`)).toMatchObject({ name: OTHER, type: 'Microsoft.Resources/subscriptions' });
    expect(sandbox.requests.map((r) => r.path)).toEqual([`/subscriptions/${OTHER}`]);
  });
});
