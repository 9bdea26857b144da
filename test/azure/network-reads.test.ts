import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../src/resources/api-versions';
import { ResourceTypes } from '../../src/model';
import { startHarness, type Harness } from '../support/harness';
import { nic, nicId, nsg, nsgId, peId, pipId, privateEndpoint, publicIp, securityRule, subnetId, vnet, vnetId, zoneGroup } from '../support/network-estate';

const VNET = vnetId('rg-net', 'vnet-ml');
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const NSG = nsgId('rg-net', 'nsg-ml');
const NIC = nicId('rg-vms', 'vm-nic');
const PIP = pipId('rg-vms', 'vm-ip');
const PE = peId('rg-pe', 'pe-ws');
const groups = ['g1', 'g2', 'g3'].map((g) => zoneGroup(PE, g));

let h: Harness;
beforeAll(async () => {
  h = await startHarness(
    [
      vnet(VNET, [{ name: 'training', addressPrefix: '10.0.1.0/24', nsg: NSG }]),
      nsg(NSG, [securityRule(NSG, 'ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22' })], [SUBNET]),
      nic(NIC, SUBNET, PIP),
      publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`),
      privateEndpoint(PE, SUBNET),
      ...groups,
    ],
    { pageSize: 1 },
  );
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.clearRequests());

describe('network reads through @azure/arm-network (modular client)', () => {
  it('reads every network type by id in ARM wire shape, at api-version 2026-01-01', async () => {
    for (const id of [VNET, NSG, NIC, PIP, PE, groups[0]!.id]) {
      const r = await h.ctx.reader.get(id);
      expect(r, id).toEqual(h.sandbox.getResource(id));
      expect(r?.properties, `${id} is wire shape, not the SDK's flattened model`).toBeDefined();
    }
    expect(h.sandbox.requests.every((r) => r.method === 'GET' && r.apiVersion === API_VERSIONS.network)).toBe(true);
    for (const type of [ResourceTypes.nsg, ResourceTypes.nic, ResourceTypes.publicIp, ResourceTypes.subnet, ResourceTypes.privateEndpoint, ResourceTypes.privateDnsZoneGroup]) {
      expect(h.ctx.reader.readableTypes.has(type), type).toBe(true);
    }
  });

  it('reads an embedded subnet by its own id (mixed case), filling the `type` the body lacks', async () => {
    const r = await h.ctx.reader.get(SUBNET.replace('resourceGroups', 'resourcegroups').replace('training', 'TRAINING'));
    expect(r).toMatchObject({ id: SUBNET, name: 'training', type: 'Microsoft.Network/virtualNetworks/subnets', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: NSG } } });
    expect(h.sandbox.requests).toHaveLength(1);
  });

  it('answers null for a deleted resource (404), also for a subnet of a missing network', async () => {
    expect(await h.ctx.reader.get(pipId('rg-vms', 'gone'))).toBeNull();
    expect(await h.ctx.reader.get(subnetId('rg-net', 'gone', 's'))).toBeNull();
  });

  it('lists private DNS zone groups across pages (the SDK drops onResponse after page 1; the pipeline policy does not)', async () => {
    const listed = await h.ctx.reader.listPrivateDnsZoneGroups(PE);
    expect(listed?.map((g) => g.name)).toEqual(['g1', 'g2', 'g3']);
    expect(listed?.[0]).toEqual(h.sandbox.getResource(groups[0]!.id));
    expect(h.sandbox.requests.map((r) => r.query.$skiptoken)).toEqual([undefined, '1', '2']);
    expect(await h.ctx.reader.listPrivateDnsZoneGroups(peId('rg-pe', 'gone'))).toBeNull();
  });

  it('concurrent reads keep their bodies apart', async () => {
    const ids = [NSG, NIC, PIP, PE, VNET, SUBNET];
    const read = await Promise.all([...ids, ...ids].map((id) => h.ctx.reader.get(id)));
    read.forEach((r, i) => expect(r?.id).toBe(ids[i % ids.length]));
  });
});
