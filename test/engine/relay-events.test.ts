import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleEventMessage, sweep, WriteBudget } from '../../src/engine';
import { USER_PRINCIPAL } from '../../src/sandbox';
import { raw } from '../sandbox/helpers';
import { startHarness, workspace, type Harness } from '../support/harness';
import { NET_SUB, nic, nicId, nsg, nsgId, peId, pipId, privateEndpoint, publicIp, securityRule, subnetId, vnet, vnetId } from '../support/network-estate';

const SUB = NET_SUB;
const VNET = vnetId('rg-net', 'vnet-ml');
const PE_SUBNET = subnetId('rg-net', 'vnet-ml', 'pe');
const NSG = nsgId('rg-net', 'nsg-late');
const NIC = nicId('rg-vms', 'jump-nic');
const NEW_IP = pipId('rg-vms', 'new-ip');
const PE = peId('rg-pe', 'pe-ws');
const WS = workspace(SUB, 'rg-ml', 'ws', {
  publicNetworkAccess: 'Disabled',
  privateEndpointConnections: [{ properties: { privateEndpoint: { id: PE }, privateLinkServiceConnectionState: { status: 'Approved' } } }],
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    WS,
    privateEndpoint(PE, PE_SUBNET),
    vnet(VNET, [{ name: 'pe', addressPrefix: '10.0.1.0/24', ipConfigurations: [`${NIC}/ipConfigurations/ipconfig1`] }]),
    nic(NIC, PE_SUBNET, null),
    publicIp(NEW_IP, null),
    nsg(NSG, [securityRule(NSG, 'open-ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', priority: 100 })]),
  ]);
  await sweep(h.ctx, { subscriptions: [SUB], budget: new WriteBudget(25) }); // builds the link index
});
afterAll(() => h.close());

async function userWrite(path: string, body: unknown) {
  const before = h.sandbox.events.length;
  const token = (await h.sandbox.credential(USER_PRINCIPAL).getToken('https://management.azure.com/.default'))!.token;
  const res = await raw(h.sandbox, 'PUT', `${path}?api-version=2026-01-01`, { token, body });
  expect(res.status).toBeLessThan(300);
  const event = h.sandbox.events.slice(before).find((e) => e.subject.toLowerCase() === path.toLowerCase());
  expect(event).toBeDefined();
  h.sandbox.clearRequests();
  return event!;
}

describe('events about resources no rule evaluates, relayed to those that rules do', () => {
  it('a NIC write attaching a public IP in a private-endpoint subnet -> AML-NET-002 detaches it', async () => {
    const current = h.sandbox.getResource(NIC)!;
    const configs = (current.properties as { ipConfigurations: { name: string; properties: Record<string, unknown> }[] }).ipConfigurations;
    const attached = { ...current, properties: { ...current.properties, ipConfigurations: configs.map((c) => (c.name === 'ipconfig1' ? { ...c, properties: { ...c.properties, publicIPAddress: { id: NEW_IP } } } : c)) } };
    const event = await userWrite(NIC, attached);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.actions).toEqual([expect.objectContaining({ ruleId: 'AML-NET-002', action: 'detach-public-ip', outcome: 'applied' })]);
    expect(h.sandbox.getResource(NEW_IP)?.properties?.ipConfiguration).toBeUndefined();
  });

  it('a VNet write associating an internet-open NSG with the subnet -> AML-NET-001 deletes the open rule', async () => {
    const current = h.sandbox.getResource(VNET)!;
    const subnets = (current.properties as { subnets: { name: string; properties: Record<string, unknown> }[] }).subnets;
    const associated = { ...current, properties: { ...current.properties, subnets: subnets.map((s) => ({ ...s, properties: { ...s.properties, networkSecurityGroup: { id: NSG } } })) } };
    const event = await userWrite(VNET, associated);
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.actions).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'AML-NET-001', action: 'delete-nsg-rule', outcome: 'applied' })]));
    expect(h.sandbox.getResource(NSG)?.properties?.securityRules).toEqual([]);
  });

  it('a private endpoint write re-evaluates the workspace it serves (AML-WS-005)', async () => {
    const event = await userWrite(PE, h.sandbox.getResource(PE));
    const result = await handleEventMessage(h.ctx, [event]);
    expect(result.findings.map((f) => f.resourceId.toLowerCase())).toContain(WS.id.toLowerCase());
    expect(result.findings.some((f) => f.ruleId === 'AML-WS-005')).toBe(true);
  });
});
