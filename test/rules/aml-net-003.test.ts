import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { armResourceSchema, guardConfigSchema, type ArmResource, type ResourceLink } from '../../src/model';
import { amlNet003 } from '../../src/rules/aml-net-003';
import { compute, NET_SUB, netExample, subnetId } from '../support/network-estate';

const config = guardConfigSchema.parse({});
const WS = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws`;
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const cluster = (name: string, max: number, subnet: string | null = SUBNET) => compute('AmlCompute', `${WS}/computes/${name}`, subnet, max);
const instance = (name: string, subnet: string | null = SUBNET) => compute('ComputeInstance', `${WS}/computes/${name}`, subnet);
const linksFor = (computes: readonly ArmResource[]): ResourceLink[] => computes.map((c) => ({ sourceId: c.id, targetId: SUBNET, relation: 'computeSubnet' }));

function subnet(props: Record<string, unknown>, id = SUBNET): ArmResource {
  return { id, name: id.split('/').pop()!, type: 'Microsoft.Network/virtualNetworks/subnets', properties: { provisioningState: 'Succeeded', ...props } };
}
const used = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `${SUBNET}/x/ipConfigurations/c${i}` }));

const evaluate = (subject: ArmResource, computes: readonly ArmResource[], links = linksFor(computes)) =>
  amlNet003.evaluate({ subject, related: new SnapshotSet(computes, links), config, now: new Date('2026-11-25T00:00:00Z') });

describe('AML-NET-003 compute subnet capacity', () => {
  it('the official SubnetGet example (/16) holds an official cluster and instance', () => {
    const official = armResourceSchema.parse({ type: 'Microsoft.Network/virtualNetworks/subnets', ...netExample('SubnetGet.json') });
    const c = compute('AmlCompute', `${WS}/computes/compute123`, official.id);
    const links: ResourceLink[] = [{ sourceId: c.id, targetId: official.id, relation: 'computeSubnet' }];
    expect(evaluate(official, [c], links).status).toBe('pass');
  });

  it('a /29 (3 usable) fails for a 4-node cluster and passes for a 3-node one', () => {
    const v = evaluate(subnet({ addressPrefix: '10.0.0.0/29' }), [cluster('big', 4)]);
    expect(v.status).toBe('fail');
    if (v.status === 'fail') {
      expect(v.actions).toEqual([]);
      expect(v.evidence).toMatchObject({ usableAddresses: 3, usedAddresses: 0, freeAddresses: 3, neededAddresses: 4 });
    }
    expect(evaluate(subnet({ addressPrefix: '10.0.0.0/29' }), [cluster('ok', 3)]).status).toBe('pass');
  });

  it('subtracts addresses in use and counts each compute instance as one', () => {
    const computes = [cluster('c1', 200), instance('ci1'), instance('ci2')];
    expect(evaluate(subnet({ addressPrefix: '10.0.1.0/24', ipConfigurations: used(49) }), computes).status).toBe('pass'); // 251 - 49 = 202 = 202
    const v = evaluate(subnet({ addressPrefix: '10.0.1.0/24', ipConfigurations: used(50) }), computes);
    expect(v.status === 'fail' && v.evidence).toMatchObject({ freeAddresses: 201, neededAddresses: 202 });
  });

  it('adds up several IPv4 prefixes (5 reserved in each) and ignores IPv6 ones', () => {
    const s = subnet({ addressPrefixes: ['10.0.0.0/29', '10.0.1.0/29', 'ace:cab:deca::/64'] }); // 3 + 3
    expect(evaluate(s, [cluster('six', 6)]).status).toBe('pass');
    expect(evaluate(s, [cluster('seven', 7)]).status).toBe('fail');
  });

  it('is not applicable without computes, with only private-endpoint links, or with IPv6 only', () => {
    expect(evaluate(subnet({ addressPrefix: '10.0.0.0/29' }), []).status).toBe('not-applicable');
    expect(evaluate(subnet({ addressPrefix: '10.0.0.0/29' }), [], [{ sourceId: WS, targetId: SUBNET, relation: 'privateEndpointSubnet' }]).status).toBe('not-applicable');
    expect(evaluate(subnet({ addressPrefix: 'ace:cab:deca::/64' }), [cluster('c', 100)]).status).toBe('not-applicable');
    expect(evaluate(subnet({}), [cluster('c', 100)]).status).toBe('not-applicable');
  });

  it('leaves out deleted computes, computes now in another subnet, and other compute types', () => {
    const gone = cluster('gone', 100);
    const moved = cluster('moved', 100, subnetId('rg-net', 'vnet-ml', 'other'));
    const k8s = { ...cluster('aks', 100), properties: { computeType: 'Kubernetes', properties: { subnet: { id: SUBNET } } } };
    const s = subnet({ addressPrefix: '10.0.0.0/29' });
    expect(evaluate(s, [moved, k8s], linksFor([gone, moved, k8s])).status).toBe('pass');
    expect(evaluate(s, [], linksFor([gone])).status).toBe('not-applicable');
  });

  it('matches the link and the compute subnet case-insensitively', () => {
    const c = cluster('c', 4, SUBNET.toLowerCase());
    const links: ResourceLink[] = [{ sourceId: c.id.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'), targetId: SUBNET.toLowerCase(), relation: 'computeSubnet' }];
    expect(evaluate(subnet({ addressPrefix: '10.0.0.0/29' }), [c], links).status).toBe('fail');
  });
});
