import { describe, expect, it } from 'vitest';
import { ipv4CidrSize, usableIpv4Addresses } from '../../src/rules/network/cidr';
import { internetExposure, securityRuleSchema } from '../../src/rules/network/internet-inbound';
import { parsePortRange } from '../../src/rules/network/port-ranges';
import { exampleBody } from '../support/fixtures';
import { NET } from '../support/network-estate';

describe('IPv4 CIDR size', () => {
  it('counts /32, /29, /24, /16 and /0 exactly, with 5 reserved per prefix', () => {
    expect(ipv4CidrSize('10.0.0.4/32')).toBe(1);
    expect(ipv4CidrSize('10.0.0.0/29')).toBe(8);
    expect(ipv4CidrSize('10.0.1.0/24')).toBe(256);
    expect(ipv4CidrSize('10.0.0.0/16')).toBe(65536);
    expect(ipv4CidrSize('0.0.0.0/0')).toBe(2 ** 32);
    expect(usableIpv4Addresses('10.0.0.0/29')).toBe(3);
    expect(usableIpv4Addresses('10.0.1.0/24')).toBe(251);
    expect(usableIpv4Addresses('10.0.0.4/32')).toBe(0);
  });

  it('ignores IPv6 and malformed prefixes', () => {
    for (const bad of ['ace:cab:deca::/64', '10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/24', '', ' 10.0.0.0/24x']) {
      expect(ipv4CidrSize(bad), bad).toBeUndefined();
    }
    expect(ipv4CidrSize(' 10.0.0.0/24 ')).toBe(256);
  });
});

describe('NSG port ranges', () => {
  it('parses single ports, ranges, * and rejects nonsense', () => {
    expect(parsePortRange('22')).toEqual({ from: 22, to: 22 });
    expect(parsePortRange('20-25')).toEqual({ from: 20, to: 25 });
    expect(parsePortRange('*')).toEqual({ from: 0, to: 65535 });
    for (const bad of ['25-20', '70000', 'ssh', '', '1-2-3']) expect(parsePortRange(bad), bad).toBeUndefined();
  });
});

describe('internet exposure of a security rule', () => {
  const rule = (props: Record<string, unknown>) => securityRuleSchema.parse({ name: 'r', properties: { access: 'Allow', direction: 'Inbound', protocol: 'Tcp', ...props } });
  const exposes = (props: Record<string, unknown>) => internetExposure(rule(props))?.exposes ?? [];

  it('the official RuleGet example (Allow * -> 80) exposes neither SSH, RDP nor all ports', () => {
    const official = securityRuleSchema.parse(exampleBody(`${NET}/NetworkSecurityGroupRuleGet.json`));
    expect(internetExposure(official)).toBeUndefined();
  });

  it('fires for every internet spelling, in any case, and in sourceAddressPrefixes', () => {
    for (const src of ['*', 'Internet', 'INTERNET', '0.0.0.0/0', '::/0', 'Any']) expect(exposes({ sourceAddressPrefix: src, destinationPortRange: '22' }), src).toEqual(['SSH']);
    expect(exposes({ sourceAddressPrefix: '', sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0'], destinationPortRange: '3389' })).toEqual(['RDP']);
  });

  it('fires for ranges that include 22 / 3389, for destinationPortRanges, and for every port', () => {
    expect(exposes({ sourceAddressPrefix: '*', destinationPortRange: '20-25' })).toEqual(['SSH']);
    expect(exposes({ sourceAddressPrefix: '*', destinationPortRanges: ['443', '3000-4000'] })).toEqual(['RDP']);
    expect(exposes({ sourceAddressPrefix: '*', protocol: '*', destinationPortRange: '*' })).toEqual(['all ports', 'SSH', 'RDP']);
    expect(exposes({ sourceAddressPrefix: '*', destinationPortRange: '0-65535' })).toEqual(['all ports', 'SSH', 'RDP']);
  });

  it('does NOT fire for AML service tags, private sources, Deny, Outbound, other ports or port-less protocols', () => {
    expect(exposes({ sourceAddressPrefix: 'AzureMachineLearning', destinationPortRange: '44224' })).toEqual([]);
    expect(exposes({ sourceAddressPrefix: 'BatchNodeManagement', destinationPortRange: '29876-29877' })).toEqual([]);
    expect(exposes({ sourceAddressPrefix: 'Internet', destinationPortRange: '44224' })).toEqual([]);
    expect(exposes({ sourceAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' })).toEqual([]);
    expect(exposes({ sourceAddressPrefix: '10.0.0.0/8', destinationPortRange: '22' })).toEqual([]);
    expect(exposes({ access: 'Deny', sourceAddressPrefix: '*', destinationPortRange: '22' })).toEqual([]);
    expect(exposes({ direction: 'Outbound', sourceAddressPrefix: '*', destinationPortRange: '22' })).toEqual([]);
    expect(exposes({ protocol: 'Icmp', sourceAddressPrefix: '*', destinationPortRange: '*' })).toEqual([]);
    expect(exposes({ protocol: 'Udp', sourceAddressPrefix: '*', destinationPortRange: '22' })).toEqual([]);
    expect(exposes({ protocol: 'Udp', sourceAddressPrefix: '*', destinationPortRange: '3389' })).toEqual(['RDP']);
  });

  it('needs an explicit Allow + Inbound; a missing protocol counts as *', () => {
    expect(internetExposure(securityRuleSchema.parse({ name: 'r', properties: { sourceAddressPrefix: '*', destinationPortRange: '22' } }))).toBeUndefined();
    expect(exposes({ protocol: undefined, sourceAddressPrefix: '*', destinationPortRange: '22' })).toEqual(['SSH']);
  });
});
