import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { armResourceSchema, guardConfigSchema, type ArmResource, type ResourceLink } from '../../src/model';
import { amlNet001 } from '../../src/rules/aml-net-001';
import { NET_SUB, netExample, nic, nicId, nsg, nsgId, securityRule, subnetId } from '../support/network-estate';

const config = guardConfigSchema.parse({});
const NSG = nsgId('rg-net', 'nsg-ml');
const SUBNET = subnetId('rg-net', 'vnet-ml', 'training');
const COMPUTE = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/cluster1`;
const WS = `/subscriptions/${NET_SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws`;
const computeLink: ResourceLink = { sourceId: COMPUTE, targetId: SUBNET, relation: 'computeSubnet' };

const evaluate = (subject: ArmResource, links: readonly ResourceLink[] = [computeLink], resources: readonly ArmResource[] = []) =>
  amlNet001.evaluate({ subject, related: new SnapshotSet(resources, links), config, now: new Date('2026-11-25T00:00:00Z') });

const ssh = securityRule(NSG, 'allow-ssh', { sourceAddressPrefix: 'Internet', destinationPortRange: '22', priority: 100 });
const web = securityRule(NSG, 'allow-web', { sourceAddressPrefix: '*', destinationPortRange: '443', priority: 110 });
const aml = securityRule(NSG, 'aml-inbound', { sourceAddressPrefix: 'AzureMachineLearning', destinationPortRange: '44224', priority: 120 });

describe('AML-NET-001 internet-open NSG rules on AML subnets', () => {
  it('the official NSG example (Allow * -> 80) passes when it guards an AML subnet', () => {
    const official = armResourceSchema.parse(netExample('NetworkSecurityGroupGet.json'));
    const moved = { ...official, properties: { ...official.properties, subnets: [{ id: SUBNET }] } };
    expect(evaluate(moved).status).toBe('pass');
  });

  it('fires on an Internet -> 22 rule and proposes deleting exactly that rule', () => {
    const subject = nsg(NSG, [web, ssh, aml], [SUBNET]);
    const v = evaluate(subject);
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.actions).toEqual([{ kind: 'delete-nsg-rule', resourceId: NSG, ruleName: 'allow-ssh' }]);
    expect(v.evidence.rules).toEqual([{ name: 'allow-ssh', priority: 100, protocol: '*', sources: ['Internet'], ports: ['22'], exposes: ['SSH'] }]);
    expect(v.evidence.amlSubnets).toEqual([{ subnet: SUBNET, hosts: [`computeSubnet: ${COMPUTE}`] }]);
  });

  it('proposes one deletion per offending rule', () => {
    const any = securityRule(NSG, 'allow-all', { sourceAddressPrefix: '0.0.0.0/0', destinationPortRange: '*', priority: 200 });
    const v = evaluate(nsg(NSG, [ssh, any], [SUBNET]));
    expect(v.status === 'fail' && v.actions.map((a) => a.kind === 'delete-nsg-rule' && a.ruleName)).toEqual(['allow-ssh', 'allow-all']);
  });

  it('counts a workspace private endpoint subnet as AML, and matches subnet ids case-insensitively', () => {
    const peLink: ResourceLink = { sourceId: WS, targetId: SUBNET.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'), relation: 'privateEndpointSubnet' };
    const subject = nsg(NSG, [ssh], [SUBNET.replace('resourceGroups', 'resourcegroups').replace('training', 'Training')]);
    expect(evaluate(subject, [peLink]).status).toBe('fail');
  });

  it('is not applicable to an NSG on subnets nobody in AML uses, or on none', () => {
    const other = subnetId('rg-net', 'vnet-ml', 'web');
    expect(evaluate(nsg(NSG, [ssh], [other])).status).toBe('not-applicable');
    expect(evaluate(nsg(NSG, [ssh])).status).toBe('not-applicable');
    expect(evaluate(nsg(NSG, [ssh], [SUBNET]), [{ sourceId: WS, targetId: SUBNET, relation: 'storageAccount' }]).status).toBe('not-applicable');
  });

  it('applies through a NIC the NSG is attached to when that NIC sits in an AML subnet (subnet in another resource group)', () => {
    const NIC = nicId('rg-vms', 'vm1-nic');
    const subject = nsg(NSG, [ssh], [], [NIC]);
    expect(evaluate(subject, [computeLink], [nic(NIC, SUBNET, null)]).status).toBe('fail');
    expect(evaluate(subject, [computeLink], []).status, 'the NIC is gone').toBe('not-applicable');
  });

  it('passes with only AML service-tag rules; ignores malformed rules and missing properties', () => {
    const broken = { name: 'broken', properties: 'nope' };
    expect(evaluate(nsg(NSG, [aml, web, broken as never], [SUBNET])).status).toBe('pass');
    const bare = { ...nsg(NSG, [], [SUBNET]), properties: { subnets: [{ id: SUBNET }] } };
    expect(evaluate(bare).status).toBe('pass');
    expect(evaluate({ ...bare, properties: null }).status).toBe('not-applicable');
  });

  it('never touches default security rules (they cannot be deleted)', () => {
    const base = netExample('NetworkSecurityGroupGet.json');
    const props = base.properties as { defaultSecurityRules: unknown[] };
    expect(props.defaultSecurityRules.length).toBeGreaterThan(0);
    expect(evaluate(nsg(NSG, [], [SUBNET])).status).toBe('pass');
  });
});
