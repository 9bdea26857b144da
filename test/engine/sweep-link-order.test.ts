import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep, WriteBudget } from '../../src/engine';
import { startHarness, workspace, type Harness } from '../support/harness';
import { compute, NET_SUB, nsg, nsgId, peId, privateEndpoint, subnetId, vnet, vnetId } from '../support/network-estate';

// One subnet for everything ML (a common layout): the workspace's private endpoint AND its
// computes. The workspace's gatherers discover the subnet (through the endpoint) in the same
// breadth-first level as the computes, whose `computeSubnet` links NET-003 needs: a sweep
// must store those links before it evaluates the subnet, or the first scan misses the finding.
const SUB = NET_SUB;
const VNET = vnetId('rg-net', 'vnet-ml');
const SNET = subnetId('rg-net', 'vnet-ml', 'snet-ml');
const NSG = nsgId('rg-net', 'nsg-ml');
const PE = peId('rg-ml', 'pe-ws');
const WS = workspace(SUB, 'rg-ml', 'ws', {
  publicNetworkAccess: 'Disabled',
  privateEndpointConnections: [{ properties: { privateEndpoint: { id: PE }, privateLinkServiceConnectionState: { status: 'Approved' } } }],
});
const CLUSTER = compute('AmlCompute', `${WS.id}/computes/gpu`, SNET, 10);

let h: Harness;
beforeAll(async () => {
  h = await startHarness([WS, CLUSTER, privateEndpoint(PE, SNET), vnet(VNET, [{ name: 'snet-ml', addressPrefix: '10.0.1.0/29', nsg: NSG }]), nsg(NSG, [], [SNET])]);
});
afterAll(() => h.close());

describe('sweep order', () => {
  it('a subnet shared by a workspace private endpoint and computes is judged with the computes’ links (NET-003 on the first sweep)', async () => {
    const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) });
    expect(result.errors).toEqual([]);
    const net003 = result.findings.filter((f) => f.ruleId === 'AML-NET-003');
    expect(net003.map((f) => [f.resourceId, f.status])).toEqual([[SNET, 'open']]);
    expect(net003[0]?.evidence).toMatchObject({ usableAddresses: 3, neededAddresses: 10, computes: [{ id: CLUSTER.id, computeType: 'AmlCompute', addresses: 10 }] });
  });
});
