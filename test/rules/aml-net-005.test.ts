import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { type ArmResource, type ResourceLink } from '../../src/model';
import { amlNet005 } from '../../src/rules/aml-net-005';
import { cluster } from '../support/compute-estate';
import { NET_SUB, nsg, nsgId, securityRule, subnetId } from '../support/network-estate';
import { evaluator, failed } from './dependency-related';

const NSG = nsgId('rg-net', 'nsg-ml');
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const COMPUTE = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/cluster1`;
const link: ResourceLink = { sourceId: COMPUTE, targetId: SUBNET, relation: 'computeSubnet' };
const run = evaluator(amlNet005);
const evaluate = (subject: ArmResource, computes: readonly ArmResource[] = [], links: readonly ResourceLink[] = [link]) => run(subject, new SnapshotSet(computes, links));
const out = (name: string, priority: number, access: string, destinationAddressPrefix: string, destinationPortRange = '*', protocol = '*') =>
  securityRule(NSG, name, { direction: 'Outbound', access, priority, protocol, sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix, destinationPortRange });
const privateCluster = cluster(COMPUTE, { properties: { properties: { enableNodePublicIp: false } } });
const publicCluster = cluster(COMPUTE, { properties: { properties: { enableNodePublicIp: true } } });
const REQUIRED_TAGS = ['AzureActiveDirectory', 'AzureMachineLearning', 'BatchNodeManagement', 'AzureResourceManager', 'Storage', 'AzureFrontDoor.FrontEnd', 'MicrosoftContainerRegistry'];

describe('AML-NET-005 NSG blocks flows Azure ML needs', () => {
  it('the official NSG example (its default rules allow Internet outbound) passes on a compute subnet', () => {
    expect(evaluate(nsg(NSG, [], [SUBNET]), [privateCluster]).status).toBe('pass');
  });

  it('fires on Deny Internet outbound ahead of everything, naming each blocked flow', () => {
    const v = failed(evaluate(nsg(NSG, [out('deny-internet', 100, 'Deny', 'Internet')], [SUBNET]), [privateCluster]));
    expect((v.evidence.blocked as { flow: string }[]).map((b) => b.flow)).toEqual([
      'outbound TCP 443 to AzureActiveDirectory',
      'outbound TCP 443 to AzureMachineLearning',
      'outbound TCP 18881 to AzureMachineLearning',
      'outbound UDP 5831 to AzureMachineLearning',
      'outbound TCP 443 to BatchNodeManagement',
      'outbound TCP 443 to AzureResourceManager',
      'outbound TCP 443 to Storage',
      'outbound TCP 443 to AzureFrontDoor.FrontEnd',
      'outbound TCP 443 to MicrosoftContainerRegistry',
    ]);
    expect(v.evidence.blocked).toContainEqual({ flow: 'outbound TCP 443 to Storage', denyRule: 'deny-internet', priority: 100 });
    expect(v.actions).toEqual([]);
  });

  it('look-alike: Deny Internet outbound after Allows of the required service tags passes', () => {
    const allows = REQUIRED_TAGS.map((t, i) => out(`allow-${i}`, 100 + i, 'Allow', t, t === 'AzureMachineLearning' ? '*' : '443'));
    expect(evaluate(nsg(NSG, [...allows, out('deny-internet', 4000, 'Deny', 'Internet')], [SUBNET]), [privateCluster]).status).toBe('pass');
  });

  it('a narrower Deny only blocks what it covers (regional Storage, UDP only)', () => {
    const v = failed(evaluate(nsg(NSG, [out('deny-storage-weu', 200, 'Deny', 'Storage.WestEurope', '443', 'Tcp'), out('deny-udp', 210, 'Deny', '*', '*', 'Udp')], [SUBNET]), [privateCluster]));
    expect((v.evidence.blocked as { flow: string }[]).map((b) => b.flow)).toEqual(['outbound UDP 5831 to AzureMachineLearning', 'outbound TCP 443 to Storage']);
  });

  it('inbound 44224 from AzureMachineLearning matters only when a compute in the subnet has a public IP (default DenyAllInBound)', () => {
    expect(evaluate(nsg(NSG, [], [SUBNET]), [privateCluster]).status).toBe('pass');
    const v = failed(evaluate(nsg(NSG, [], [SUBNET]), [publicCluster]));
    expect(v.evidence).toEqual({ blocked: [{ flow: 'inbound TCP 44224 from AzureMachineLearning', denyRule: 'DenyAllInBound', priority: 65500 }], computesWithPublicIp: [COMPUTE] });
    const allowAml = securityRule(NSG, 'aml-inbound', { direction: 'Inbound', access: 'Allow', priority: 120, protocol: 'Tcp', sourceAddressPrefix: 'AzureMachineLearning', destinationPortRange: '44224' });
    expect(evaluate(nsg(NSG, [allowAml], [SUBNET]), [publicCluster]).status).toBe('pass');
  });

  it('not applicable to an NSG on no compute subnet (private endpoint subnets do not count)', () => {
    expect(evaluate(nsg(NSG, [out('deny-internet', 100, 'Deny', 'Internet')], [SUBNET]), [], []).status).toBe('not-applicable');
    const peLink: ResourceLink = { sourceId: COMPUTE.replace(/\/computes\/.*/, ''), targetId: SUBNET, relation: 'privateEndpointSubnet' };
    expect(evaluate(nsg(NSG, [out('deny-internet', 100, 'Deny', 'Internet')], [SUBNET]), [], [peLink]).status).toBe('not-applicable');
  });
});
