import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import type { ArmResource } from '../../src/model';
import { nic, nicId, nsgId, pipId, publicIp, subnetId } from '../support/network-estate';

const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const NIC = nicId('rg-vms', 'vm-nic');
const PIP = pipId('rg-pips', 'vm-ip');
const NIC2 = nicId('rg-vms', 'other-nic');
const PIP2 = pipId('rg-pips', 'other-ip');
// a NIC with its own network security group
const NSG = nsgId('rg-net', 'vm-nsg');
const NIC_NSG = nicId('rg-vms', 'nsg-nic');
const PIP_NSG = pipId('rg-pips', 'nsg-nic-ip');
// a NIC with a public IP on each of its two ipConfigurations
const NIC_TWO = nicId('rg-vms', 'two-ip-nic');
const PIP_FLAGGED = pipId('rg-pips', 'flagged-ip');
const PIP_KEPT = pipId('rg-pips', 'kept-ip');
const detach = (resourceId: string, publicIpId: string, ipConfigurationName = 'ipconfig1') => ({ kind: 'detach-public-ip' as const, resourceId, ipConfigurationName, publicIpId });
type Config = { name: string; properties: Record<string, unknown> };
const configs = (id: string) => h.sandbox.getResource(id)?.properties?.ipConfigurations as Config[];

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    nic(NIC, SUBNET, PIP),
    publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`),
    nic(NIC2, SUBNET, PIP2),
    publicIp(PIP2, `${NIC2}/ipConfigurations/ipconfig1`),
    withNsg(nic(NIC_NSG, SUBNET, PIP_NSG), NSG),
    publicIp(PIP_NSG, `${NIC_NSG}/ipConfigurations/ipconfig1`),
    withSecondPublicIp(nic(NIC_TWO, SUBNET, PIP_FLAGGED), PIP_KEPT),
    publicIp(PIP_FLAGGED, `${NIC_TWO}/ipConfigurations/ipconfig1`),
    publicIp(PIP_KEPT, `${NIC_TWO}/ipConfigurations/ipconfig2`),
  ]);
});
afterAll(() => h.close());

function withNsg(resource: ArmResource, nsg: string): ArmResource {
  return { ...resource, properties: { ...resource.properties, networkSecurityGroup: { id: nsg } } };
}

function withSecondPublicIp(resource: ArmResource, pip: string): ArmResource {
  const configurations = (resource.properties?.ipConfigurations as Config[]).map((c) => (c.name === 'ipconfig2' ? { ...c, properties: { ...c.properties, publicIPAddress: { id: pip } } } : c));
  return { ...resource, properties: { ...resource.properties, ipConfigurations: configurations } };
}
beforeEach(() => h.sandbox.clearRequests());

describe("'detach-public-ip' writer", () => {
  it('PUTs the NIC as read with only that ipConfiguration’s publicIPAddress removed, then verifies on the state the PUT returns', async () => {
    const result = await h.ctx.executor.execute(detach(NIC, PIP.replace('rg-pips', 'RG-PIPS')));
    expect(result).toMatchObject({ outcome: 'applied', before: PIP, after: null, wrote: true });
    expect(h.sandbox.requests.map((r) => `${r.method} ${r.path.split('/').pop()} ${r.apiVersion}`)).toEqual([
      'GET vm-nic 2026-01-01', // executor re-read
      'GET vm-nic 2026-01-01', // the SDK model to PUT back
      'PUT vm-nic 2026-01-01', // its response is the NIC as ARM now has it: the fix is verified on it
    ]);
    const [put] = h.writes();
    expect(put).toMatchObject({ method: 'PUT', path: NIC });
    // Everything writable as read (the SDK leaves out read-only fields: provisioningState, macAddress, virtualMachine, ...).
    const ipConfig = (name: string, extra: Record<string, unknown>) => ({
      name,
      id: `${NIC}/ipConfigurations/${name}`,
      properties: { privateIPAllocationMethod: 'Dynamic', privateIPAddressVersion: 'IPv4', subnet: { id: SUBNET }, ...extra },
    });
    expect(put!.body).toEqual({
      id: NIC,
      location: 'eastus',
      properties: {
        ipConfigurations: [
          ipConfig('ipconfig1', { privateIPAddress: '172.20.2.4', primary: true }),
          ipConfig('ipconfig2', { privateIPAddress: '172.20.2.16/28', privateIPAddressPrefixLength: 28, primary: false }),
        ],
        dnsSettings: { dnsServers: [] },
        enableAcceleratedNetworking: true,
        disableTcpStateTracking: true,
        enableIPForwarding: false,
      },
    });
    expect(configs(NIC).map((c) => [c.name, c.properties.publicIPAddress ?? null, (c.properties.subnet as { id: string }).id])).toEqual([
      ['ipconfig1', null, SUBNET],
      ['ipconfig2', null, SUBNET],
    ]);
    expect(h.sandbox.getResource(PIP)?.properties?.ipConfiguration, 'ARM drops the back-reference; the public IP itself stays').toBeUndefined();
    expect(h.sandbox.getResource(PIP)?.properties?.ipAddress).toBe('20.1.2.3');
  });

  it('is already compliant once detached: no write', async () => {
    expect((await h.ctx.executor.execute(detach(NIC, PIP))).outcome).toBe('already-compliant');
    expect((await h.ctx.executor.execute(detach(nicId('rg-vms', 'gone'), PIP))).outcome).toBe('already-compliant');
    expect(h.writes()).toEqual([]);
  });

  it('never detaches a public IP other than the one judged', async () => {
    const r = await h.ctx.executor.execute(detach(NIC2, PIP));
    expect(r).toMatchObject({ outcome: 'already-compliant', before: null, wrote: false });
    expect(h.writes()).toEqual([]);
    expect((configs(NIC2)[0]!.properties.publicIPAddress as { id: string }).id).toBe(PIP2);
  });

  it('reports a failed PUT with ARM’s error and leaves the NIC as it was', async () => {
    h.sandbox.injectFault({ method: 'PUT', pathPattern: /other-nic$/, status: 400, code: 'PublicIPAddressInUse', message: 'nope' });
    const r = await h.ctx.executor.execute(detach(NIC2, PIP2));
    expect(r).toMatchObject({ outcome: 'failed', before: PIP2, wrote: true });
    expect(r.error).toMatch(/400.*PublicIPAddressInUse/);
    expect((configs(NIC2)[0]!.properties.publicIPAddress as { id: string }).id).toBe(PIP2);
  });

  it('detaches from a NIC that has a network security group: the PUT sends the NSG back, so ARM checks networkSecurityGroups/join/action on it', async () => {
    const r = await h.ctx.executor.execute(detach(NIC_NSG, PIP_NSG));
    expect(r).toMatchObject({ outcome: 'applied', before: PIP_NSG, after: null, wrote: true });
    const [put] = h.writes();
    expect(put?.body).toMatchObject({ properties: { networkSecurityGroup: { id: NSG } } });
    expect(h.sandbox.getResource(NIC_NSG)?.properties?.networkSecurityGroup).toEqual({ id: NSG });
  });

  it('cannot detach one public IP from a NIC that keeps another: the role has no publicIPAddresses/join/action (by design), ARM answers LinkedAuthorizationFailed', async () => {
    const r = await h.ctx.executor.execute(detach(NIC_TWO, PIP_FLAGGED));
    expect(r).toMatchObject({ outcome: 'failed', before: PIP_FLAGGED, wrote: true });
    expect(r.error).toMatch(/403.*LinkedAuthorizationFailed/);
    expect(r.error).toContain(`does not have permission to perform action(s) 'Microsoft.Network/publicIPAddresses/join/action' on the linked scope(s)`);
    expect(configs(NIC_TWO).map((c) => (c.properties.publicIPAddress as { id: string } | undefined)?.id)).toEqual([PIP_FLAGGED, PIP_KEPT]);
  });
});
