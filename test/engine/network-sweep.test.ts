import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateResource, handleEventMessage, sweep, WriteBudget, type RunResult } from '../../src/engine';
import { idKey, type ArmResource } from '../../src/model';
import { USER_PRINCIPAL } from '../../src/sandbox';
import { raw } from '../sandbox/helpers';
import { startHarness, workspace, type Harness } from '../support/harness';
import {
  compute,
  NET_SUB,
  nic,
  nicId,
  nsg,
  nsgId,
  peId,
  pipId,
  privateEndpoint,
  publicIp,
  securityRule,
  subnetId,
  vnet,
  vnetId,
  zoneGroup,
} from '../support/network-estate';

const SUB = NET_SUB;
const MY_RULES = new Set(['AML-NET-001', 'AML-NET-002', 'AML-NET-003', 'AML-WS-005']);
const VNET = vnetId('rg-net', 'vnet-ml');
const PE_SUBNET = subnetId('rg-net', 'vnet-ml', 'pe');
const TRAINING = subnetId('rg-net', 'vnet-ml', 'training');
const WEB_SUBNET = subnetId('rg-net', 'vnet-ml', 'web');
const NSG = nsgId('rg-net', 'nsg-ml');
const WEB_NSG = nsgId('rg-net', 'nsg-web');
const JUMP_NIC = nicId('rg-vms', 'jump-nic');
const JUMP_IP = pipId('rg-vms', 'jump-ip');
const WEB_NIC = nicId('rg-vms', 'web-nic');
const WEB_IP = pipId('rg-vms', 'web-ip');
const PE = peId('rg-pe', 'pe-ws');
const PE2 = peId('rg-pe', 'pe-ws2');
const PE_GONE = peId('rg-pe', 'pe-deleted');

const connection = (id: string) => ({ properties: { privateEndpoint: { id }, privateLinkServiceConnectionState: { status: 'Approved' } } });
const WS = workspace(SUB, 'rg-ml', 'ws', { publicNetworkAccess: 'Disabled', privateEndpointConnections: [connection(PE)] });
const WS2 = workspace(SUB, 'rg-ml', 'ws2', { publicNetworkAccess: 'Disabled', privateEndpointConnections: [connection(PE2)] });
const WS3 = workspace(SUB, 'rg-ml', 'ws3', { publicNetworkAccess: 'Disabled', privateEndpointConnections: [connection(PE_GONE)] });
const CLUSTER = compute('AmlCompute', `${WS.id}/computes/big-cluster`, TRAINING, 10);

const sshRule = securityRule(NSG, 'open-ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', priority: 100 });
const amlRule = securityRule(NSG, 'aml-inbound', { sourceAddressPrefix: 'AzureMachineLearning', destinationPortRange: '44224', priority: 110 });
const webSsh = securityRule(WEB_NSG, 'open-ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', priority: 100 });

function estate(): ArmResource[] {
  return [
    WS,
    WS2,
    WS3,
    CLUSTER,
    vnet(VNET, [
      { name: 'pe', addressPrefix: '10.0.1.0/24', nsg: NSG, ipConfigurations: [`${JUMP_NIC}/ipConfigurations/ipconfig1`, `${JUMP_NIC}/ipConfigurations/ipconfig2`] },
      { name: 'training', addressPrefix: '10.0.2.0/29', nsg: NSG },
      { name: 'web', addressPrefix: '10.0.3.0/24', nsg: WEB_NSG, ipConfigurations: [`${WEB_NIC}/ipConfigurations/ipconfig1`] },
    ]),
    nsg(NSG, [sshRule, amlRule], [PE_SUBNET, TRAINING]),
    nsg(WEB_NSG, [webSsh], [WEB_SUBNET]),
    nic(JUMP_NIC, PE_SUBNET, JUMP_IP),
    publicIp(JUMP_IP, `${JUMP_NIC}/ipConfigurations/ipconfig1`),
    nic(WEB_NIC, WEB_SUBNET, WEB_IP),
    publicIp(WEB_IP, `${WEB_NIC}/ipConfigurations/ipconfig1`),
    privateEndpoint(PE, PE_SUBNET),
    privateEndpoint(PE2, PE_SUBNET),
    zoneGroup(PE2, 'default'),
  ];
}

const mine = (r: RunResult) => r.actions.filter((a) => MY_RULES.has(a.ruleId)).map((a) => `${a.ruleId} ${a.action} ${a.outcome} ${a.resourceId.split('/').pop()}`).sort();
const networkWrites = () => h.writes().filter((w) => w.path.includes('/Microsoft.Network/'));
const budget = () => new WriteBudget(25);

let h: Harness;
beforeAll(async () => {
  h = await startHarness(estate(), { pageSize: 2 });
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe('sweep over the network around AML', () => {
  let first: RunResult;

  it('follows workspace -> private endpoint -> subnet -> NSG / NIC -> public IP and fixes the enforce findings', async () => {
    first = await sweep(h.ctx, { subscriptions: [SUB], budget: budget() });
    expect(first.errors).toEqual([]);
    expect(mine(first)).toEqual(['AML-NET-001 delete-nsg-rule applied nsg-ml', 'AML-NET-002 detach-public-ip applied jump-nic']);
    expect(networkWrites().map((w) => `${w.method} ${w.path}`).sort()).toEqual([`DELETE ${NSG}/securityRules/open-ssh`, `PUT ${JUMP_NIC}`]);
    const read = new Set(h.sandbox.requests.map((r) => idKey(r.path)));
    for (const untouched of [WEB_NSG, WEB_IP, WEB_NIC, WEB_SUBNET]) expect(read.has(idKey(untouched)), `${untouched} is not AML's: never read`).toBe(false);
    const rules = (h.sandbox.getResource(NSG)?.properties?.securityRules as Array<{ name: string }>).map((r) => r.name);
    expect(rules).toEqual(['aml-inbound']);
    expect(h.sandbox.getResource(JUMP_IP)?.properties?.ipConfiguration).toBeUndefined();
  });

  it('leaves what is not AML alone: the web NSG keeps its rule, the web public IP stays attached', async () => {
    expect((h.sandbox.getResource(WEB_NSG)?.properties?.securityRules as unknown[]).length).toBe(1);
    expect(h.sandbox.getResource(WEB_IP)?.properties?.ipConfiguration).toEqual({ id: `${WEB_NIC}/ipConfigurations/ipconfig1` });
  });

  it('records findings: enforce ones resolved, WS-005 open for the endpoint without zone group and for the deleted one, NET-003 for the /29 the sweep found the 10-node cluster in', async () => {
    const findings = (await h.store.findings.list({ subscriptionId: SUB })).filter((f) => MY_RULES.has(f.ruleId));
    const summary = findings.map((f) => `${f.ruleId} ${f.status} ${f.resourceId.split('/').pop()}`).sort();
    expect(summary).toEqual(['AML-NET-001 resolved nsg-ml', 'AML-NET-002 resolved jump-ip', 'AML-NET-003 open training', 'AML-WS-005 open ws', 'AML-WS-005 open ws3']);
    const ws3 = findings.find((f) => f.resourceId === WS3.id);
    expect(ws3?.evidence).toEqual({ privateEndpoints: [{ privateEndpoint: PE_GONE, connectionStatus: 'Approved', problem: 'private endpoint not found' }] });
  });

  it('audits the deletion with the whole rule as `before`, and the detach with the public IP id', async () => {
    const audit = (await h.store.audit.list({})).filter((a) => MY_RULES.has(a.ruleId ?? '') && a.outcome !== 'attempting');
    const deletion = audit.find((a) => a.ruleId === 'AML-NET-001');
    expect(deletion).toMatchObject({ action: 'delete-nsg-rule', outcome: 'applied', resourceId: NSG, after: null });
    expect(deletion?.before).toMatchObject({ name: 'open-ssh', id: `${NSG}/securityRules/open-ssh`, properties: { sourceAddressPrefix: 'Internet', destinationPortRange: '22', access: 'Allow', direction: 'Inbound', priority: 100 } });
    expect(audit.find((a) => a.ruleId === 'AML-NET-002')).toMatchObject({ action: 'detach-public-ip', outcome: 'applied', resourceId: JUMP_NIC, before: JUMP_IP, after: null });
  });

  it('rebuilds the link index: workspace -> private endpoint and its subnet', async () => {
    const links = await h.store.links.linksFrom(WS.id);
    expect(links.filter((l) => l.relation === 'privateEndpoint' || l.relation === 'privateEndpointSubnet').map((l) => `${l.relation} ${idKey(l.targetId)}`).sort()).toEqual(
      [`privateEndpoint ${idKey(PE)}`, `privateEndpointSubnet ${idKey(PE_SUBNET)}`].sort(),
    );
    expect((await h.store.links.linksFrom(WS3.id)).filter((l) => l.relation === 'privateEndpointSubnet')).toEqual([]);
  });

  it('a second sweep makes no network write', async () => {
    const again = await sweep(h.ctx, { subscriptions: [SUB], budget: budget() });
    expect(mine(again)).toEqual([]);
    expect(networkWrites()).toEqual([]);
  });
});

describe('events', () => {
  async function userWrite(method: string, path: string, body?: unknown) {
    const before = h.sandbox.events.length;
    const res = await raw(h.sandbox, method, `${path}?api-version=2026-01-01`, body === undefined ? { principal: USER_PRINCIPAL } : { principal: USER_PRINCIPAL, body });
    expect(res.status).toBeLessThan(300);
    const event = h.sandbox.events.slice(before).find((e) => e.eventType.startsWith('Microsoft.Resources.Resource'));
    if (!event) throw new Error('no event');
    h.sandbox.clearRequests();
    return event;
  }

  it('re-adding the internet SSH rule (a child write) routes to the NSG and deletes the rule again', async () => {
    const event = await userWrite('PUT', `${NSG}/securityRules/open-ssh`, { properties: sshRule.properties });
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual(['AML-NET-001 delete-nsg-rule applied nsg-ml']);
    expect(networkWrites().map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE ${NSG}/securityRules/open-ssh`]);
  });

  it('the same rule on an NSG that guards no AML subnet: evaluated, nothing written', async () => {
    const event = await userWrite('PUT', `${WEB_NSG}/securityRules/open-rdp`, { properties: { ...(webSsh.properties as Record<string, unknown>), destinationPortRange: '3389', priority: 120 } });
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual([]);
    expect(result.findings.filter((f) => MY_RULES.has(f.ruleId))).toEqual([]);
    expect(networkWrites()).toEqual([]);
  });

  it('a public IP write about an IP attached in an AML subnet detaches it', async () => {
    await raw(h.sandbox, 'PUT', `${JUMP_NIC}?api-version=2026-01-01`, { principal: USER_PRINCIPAL, body: nic(JUMP_NIC, PE_SUBNET, JUMP_IP) });
    const event = await userWrite('PATCH', JUMP_IP, { tags: { touched: 'yes' } });
    const result = await handleEventMessage(h.ctx, [event]);
    expect(mine(result)).toEqual(['AML-NET-002 detach-public-ip applied jump-nic']);
    expect(h.sandbox.getResource(JUMP_IP)?.properties?.ipConfiguration).toBeUndefined();
  });
});

describe('AML-NET-003 on a compute subnet', () => {
  it('reports a /29 holding a 10-node cluster once the compute is linked to it; nothing is written', async () => {
    await h.store.links.replaceFrom(CLUSTER.id, [{ sourceId: CLUSTER.id, targetId: TRAINING.toLowerCase(), relation: 'computeSubnet' }]);
    const result = await evaluateResource(h.ctx, TRAINING.replace('resourceGroups', 'resourcegroups'), { budget: budget() });
    const finding = result.findings.find((f) => f.ruleId === 'AML-NET-003');
    expect(finding).toMatchObject({ status: 'open', evidence: { usableAddresses: 3, usedAddresses: 0, freeAddresses: 3, neededAddresses: 10 } });
    expect(result.discovered.map(idKey)).toContain(idKey(NSG));
    expect(h.writes()).toEqual([]);
  });
});
