import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArmReadError, sweep, WriteBudget } from '../../src/engine';
import { gatherRelated } from '../../src/engine/related';
import { idKey, type ArmResource } from '../../src/model';
import { startHarness, workspace, type Harness } from '../support/harness';
import { NET_SUB, nic, nicId, nsg, nsgId, peId, pipId, privateEndpoint, publicIp, securityRule, subnetId, vnet, vnetId, zoneGroup } from '../support/network-estate';

const SUB = NET_SUB;
const OTHER_SUB = '0f0e0d0c-0b0a-4909-8807-060504030201';
const VNET = vnetId('rg-net', 'vnet');
const SUBNET = subnetId('rg-net', 'vnet', 'ml');
const NIC = nicId('rg-vms', 'vm-nic');
const NIC_NSG = nsgId('rg-vms', 'nic-nsg');
const PE = peId('rg-pe', 'pe1');
const FOREIGN_NIC_CONFIG = `${nicId('rg-batch', 'node-nic', OTHER_SUB)}/ipConfigurations/ipconfig`;
const WS = workspace(SUB, 'rg-ml', 'ws', { privateEndpointConnections: [{ properties: { privateEndpoint: { id: PE.toLowerCase() } } }, { properties: { privateEndpoint: { id: 'not-an-id' } } }] });
const LB_IP = pipId('rg-vms', 'lb-ip');

const get = (id: string): ArmResource => {
  const r = h.sandbox.getResource(id);
  if (!r) throw new Error(`no ${id}`);
  return r;
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    WS,
    vnet(VNET, [{ name: 'ml', addressPrefix: '10.0.0.0/24', ipConfigurations: [`${NIC}/ipConfigurations/ipconfig1`, FOREIGN_NIC_CONFIG] }]),
    nic(NIC, SUBNET, null),
    nsg(NIC_NSG, [securityRule(NIC_NSG, 'rdp', { sourceAddressPrefix: '*', destinationPortRange: '3389' })], [], [NIC]),
    privateEndpoint(PE, SUBNET),
    zoneGroup(PE, 'default'),
    publicIp(LB_IP, `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe`),
  ]);
});
afterAll(() => h.close());
beforeEach(() => {
  h.sandbox.clearRequests();
  h.sandbox.clearFaults();
});

describe('workspace private endpoints gatherer', () => {
  it('reads the endpoint (id in lower case) and its zone groups, links the workspace to both, discovers the subnet; bad ids are skipped', async () => {
    const { related, ownLinks, discovered } = await gatherRelated(h.ctx, WS);
    expect(related.get(PE)?.name).toBe('pe1');
    expect(related.ofType('microsoft.network/privateendpoints/privatednszonegroups').map((g) => g.name)).toEqual(['default']);
    expect(ownLinks?.filter((l) => l.relation === 'privateEndpoint' || l.relation === 'privateEndpointSubnet').map((l) => `${l.relation} ${idKey(l.targetId)}`)).toEqual([
      `privateEndpoint ${idKey(PE)}`,
      `privateEndpointSubnet ${idKey(SUBNET)}`,
    ]);
    expect(discovered.map(idKey)).toContain(idKey(SUBNET));
  });

  it('a read that fails (not a 404) stops the evaluation instead of judging on half the facts', async () => {
    h.sandbox.injectFault({ method: 'GET', pathPattern: /privateDnsZoneGroups$/, status: 403, code: 'AuthorizationFailed', message: 'no read on the endpoint' });
    await expect(gatherRelated(h.ctx, WS)).rejects.toBeInstanceOf(ArmReadError);
    h.sandbox.injectFault({ method: 'GET', pathPattern: /privateDnsZoneGroups$/, status: 403, code: 'AuthorizationFailed', message: 'no read on the endpoint' });
    const result = await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(5) });
    expect(result.errors).toEqual([expect.objectContaining({ error: expect.stringMatching(/privateDnsZoneGroups.*403 AuthorizationFailed/) })]);
    expect(result.findings.filter((f) => f.ruleId === 'AML-WS-005')).toEqual([]);
  });
});

describe('network context gatherer', () => {
  it('a subnet that is AML’s discovers its NICs in the same subscription only (not the platform’s nodes elsewhere)', async () => {
    await h.store.links.replaceFrom(WS.id, [{ sourceId: WS.id, targetId: SUBNET, relation: 'privateEndpointSubnet' }]);
    const subnet = await h.ctx.reader.get(SUBNET);
    const { discovered } = await gatherRelated(h.ctx, subnet!);
    expect(discovered).toEqual([NIC]);
  });

  it('a subnet nobody in AML uses discovers nothing', async () => {
    await h.store.links.replaceFrom(WS.id, []);
    const { discovered } = await gatherRelated(h.ctx, (await h.ctx.reader.get(SUBNET))!);
    expect(discovered).toEqual([]);
  });

  it('an NSG attached to a NIC reads that NIC and brings the links of the NIC’s subnet', async () => {
    await h.store.links.replaceFrom(WS.id, [{ sourceId: WS.id, targetId: SUBNET, relation: 'privateEndpointSubnet' }]);
    const { related } = await gatherRelated(h.ctx, get(NIC_NSG));
    expect(related.get(NIC)?.name).toBe('vm-nic');
    expect(related.linksTo(SUBNET).map((l) => l.relation)).toEqual(['privateEndpointSubnet']);
    expect(h.ctx.rules.find((r) => r.id === 'AML-NET-001')?.evaluate({ subject: get(NIC_NSG), related, config: h.ctx.config, now: new Date() }).status).toBe('fail');
  });

  it('gathers what the applying rules declare: without AML-NET-001 / AML-NET-005 (need nsgAttachments) an NSG costs no NIC read', async () => {
    const withoutNet001 = { ...h.ctx, rules: h.ctx.rules.filter((r) => r.id !== 'AML-NET-001' && r.id !== 'AML-NET-005') };
    const { related } = await gatherRelated(withoutNet001, get(NIC_NSG));
    expect(related.get(NIC)).toBeUndefined();
    expect(h.sandbox.requests).toEqual([]);
  });

  it('a public IP on a load balancer costs no NIC read', async () => {
    await gatherRelated(h.ctx, get(LB_IP));
    expect(h.sandbox.requests).toEqual([]);
  });
});
