import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { armResourceSchema, guardConfigSchema, type ArmResource, type ResourceLink } from '../../src/model';
import { amlNet002 } from '../../src/rules/aml-net-002';
import { NET_SUB, netExample, nic, nicId, pipId, publicIp, subnetId } from '../support/network-estate';

const config = guardConfigSchema.parse({});
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const NIC = nicId('rg-vms', 'jump-nic');
const PIP = pipId('rg-pips', 'jump-ip');
const COMPUTE = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/ci1`;
const link: ResourceLink = { sourceId: COMPUTE, targetId: SUBNET, relation: 'computeSubnet' };

const evaluate = (subject: ArmResource, resources: readonly ArmResource[], links: readonly ResourceLink[] = [link]) =>
  amlNet002.evaluate({ subject, related: new SnapshotSet(resources, links), config, now: new Date('2026-11-25T00:00:00Z') });

describe('AML-NET-002 public IP on a NIC in an AML subnet', () => {
  it('fires for a public IP on a NIC ipConfiguration in a compute subnet (NIC, IP and subnet in three resource groups)', () => {
    const v = evaluate(publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`), [nic(NIC, SUBNET, PIP)]);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([{ kind: 'detach-public-ip', resourceId: NIC, ipConfigurationName: 'ipconfig1', publicIpId: PIP }]);
    expect(v.evidence).toMatchObject({ networkInterface: NIC, ipConfiguration: 'ipconfig1', subnet: SUBNET, hosts: [`computeSubnet: ${COMPUTE}`], ipAddress: '20.1.2.3' });
  });

  it('fires on the official public IP example once its NIC (testDNS649, in an AML subnet) is gathered', () => {
    const official = armResourceSchema.parse(netExample('PublicIpAddressGet.json'));
    const attachedTo = String((official.properties?.ipConfiguration as { id: string }).id);
    const officialNic = nic(attachedTo.split('/ipConfigurations/')[0]!, SUBNET, official.id);
    const v = evaluate(official, [officialNic]);
    expect(v.status).toBe('fail');
    if (v.status === 'fail') expect(v.actions).toEqual([{ kind: 'detach-public-ip', resourceId: officialNic.id, ipConfigurationName: 'ipconfig1', publicIpId: official.id }]);
  });

  it('matches ids case-insensitively (back-reference in lower case, NIC name in another case)', () => {
    const subject = publicIp(PIP, `${NIC}/ipConfigurations/IPCONFIG1`.toLowerCase());
    const v = evaluate(subject, [nic(NIC, SUBNET, PIP.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'))]);
    expect(v.status).toBe('fail');
    if (v.status === 'fail') expect(v.actions[0]).toMatchObject({ resourceId: NIC, ipConfigurationName: 'ipconfig1' });
  });

  it('does NOT fire for the official example (attached to a NIC nobody gathered), an unattached IP, or a NIC elsewhere', () => {
    expect(evaluate(armResourceSchema.parse(netExample('PublicIpAddressGet.json')), []).status).toBe('not-applicable');
    expect(evaluate(publicIp(PIP, null), [nic(NIC, SUBNET, PIP)]).status).toBe('not-applicable');
    const elsewhere = subnetId('rg-net', 'vnet-ml', 'web');
    expect(evaluate(publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`), [nic(NIC, elsewhere, PIP)]).status).toBe('not-applicable');
  });

  it('does NOT fire when the NIC was deleted, or no longer holds this IP (stale back-reference)', () => {
    const subject = publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`);
    expect(evaluate(subject, []).status).toBe('not-applicable');
    expect(evaluate(subject, [nic(NIC, SUBNET, null)]).status).toBe('not-applicable');
    expect(evaluate(subject, [nic(NIC, SUBNET, pipId('rg-pips', 'other-ip'))]).status).toBe('not-applicable');
  });

  it('does NOT fire for a public IP on a load balancer frontend or with unparseable properties', () => {
    const lb = `/subscriptions/${NET_SUB}/resourceGroups/rg1/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe`;
    expect(evaluate(publicIp(PIP, lb), [nic(NIC, SUBNET, PIP)]).status).toBe('not-applicable');
    expect(evaluate({ ...publicIp(PIP, null), properties: { ipConfiguration: 'x' } }, []).status).toBe('not-applicable');
  });

  it('counts a workspace private endpoint subnet as AML too', () => {
    const ws = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws`;
    const v = evaluate(publicIp(PIP, `${NIC}/ipConfigurations/ipconfig1`), [nic(NIC, SUBNET, PIP)], [{ sourceId: ws, targetId: SUBNET, relation: 'privateEndpointSubnet' }]);
    expect(v.status).toBe('fail');
  });
});
