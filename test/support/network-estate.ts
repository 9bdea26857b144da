import { armResourceSchema, type ArmResource } from '../../src/model';
import { exampleBody } from './fixtures';

/** Network examples are in the official network/2026-01-01 set; their ids use `subid` / `subId`, moved here into a real GUID. */
export const NET = 'arm-examples/network/2026-01-01';
export const NET_SUB = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

type Json = Record<string, unknown>;

/** An official network example's body, with the example's subscription replaced (and any other `moves`). */
export function netExample(file: string, moves: Readonly<Record<string, string>> = {}, subscriptionId = NET_SUB): Json {
  let text = JSON.stringify(exampleBody(`${NET}/${file}`));
  for (const [from, to] of Object.entries({ '/subscriptions/subid/': `/subscriptions/${subscriptionId}/`, '/subscriptions/subId/': `/subscriptions/${subscriptionId}/`, ...moves })) {
    text = text.split(from).join(to);
  }
  return JSON.parse(text) as Json;
}

export const rgId = (rg: string, sub = NET_SUB) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const vnetId = (rg: string, vnet: string, sub = NET_SUB) => `${rgId(rg, sub)}/providers/Microsoft.Network/virtualNetworks/${vnet}`;
export const subnetId = (rg: string, vnet: string, subnet: string, sub = NET_SUB) => `${vnetId(rg, vnet, sub)}/subnets/${subnet}`;
export const nsgId = (rg: string, name: string, sub = NET_SUB) => `${rgId(rg, sub)}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
export const nicId = (rg: string, name: string, sub = NET_SUB) => `${rgId(rg, sub)}/providers/Microsoft.Network/networkInterfaces/${name}`;
export const pipId = (rg: string, name: string, sub = NET_SUB) => `${rgId(rg, sub)}/providers/Microsoft.Network/publicIPAddresses/${name}`;
export const peId = (rg: string, name: string, sub = NET_SUB) => `${rgId(rg, sub)}/providers/Microsoft.Network/privateEndpoints/${name}`;

/** A security rule as ARM embeds it (official NetworkSecurityGroupRuleGet shape). */
export function securityRule(nsg: string, name: string, props: Json): Json {
  const base = netExample('NetworkSecurityGroupRuleGet.json');
  return { name, id: `${nsg}/securityRules/${name}`, properties: { ...(base.properties as Json), ...props } };
}

/** The official NetworkSecurityGroupGet example at `id`, with `securityRules`, associated `subnets` and `networkInterfaces`. */
export function nsg(id: string, rules: readonly Json[], subnets: readonly string[] = [], nics: readonly string[] = []): ArmResource {
  const base = netExample('NetworkSecurityGroupGet.json', { [nsgId('rg1', 'testnsg')]: id });
  const name = id.split('/').pop()!;
  return armResourceSchema.parse({
    ...base,
    id,
    name,
    properties: {
      ...(base.properties as Json),
      securityRules: rules,
      ...(subnets.length ? { subnets: subnets.map((s) => ({ id: s })) } : {}),
      ...(nics.length ? { networkInterfaces: nics.map((n) => ({ id: n })) } : {}),
    },
  });
}

export interface SubnetSpec {
  readonly name: string;
  readonly addressPrefix?: string;
  readonly addressPrefixes?: readonly string[];
  readonly nsg?: string;
  readonly ipConfigurations?: readonly string[];
}

/** The official VirtualNetworkGet example at `id` with the given subnets (embedded, without `type`, as the SubnetGet example). */
export function vnet(id: string, subnets: readonly SubnetSpec[]): ArmResource {
  const base = netExample('VirtualNetworkGet.json');
  return armResourceSchema.parse({
    ...base,
    id,
    name: id.split('/').pop(),
    properties: {
      ...(base.properties as Json),
      subnets: subnets.map((s) => ({
        name: s.name,
        id: `${id}/subnets/${s.name}`,
        properties: {
          provisioningState: 'Succeeded',
          ...(s.addressPrefix ? { addressPrefix: s.addressPrefix } : {}),
          ...(s.addressPrefixes ? { addressPrefixes: s.addressPrefixes } : {}),
          ...(s.nsg ? { networkSecurityGroup: { id: s.nsg } } : {}),
          ...(s.ipConfigurations ? { ipConfigurations: s.ipConfigurations.map((c) => ({ id: c })) } : {}),
        },
      })),
    },
  });
}

/** The official NetworkInterfaceGet example at `id`: ipconfig1 (with `publicIp`, or none) and ipconfig2, both in `subnet`. */
export function nic(id: string, subnet: string, publicIp: string | null): ArmResource {
  const base = netExample('NetworkInterfaceGet.json');
  const configs = (base.properties as { ipConfigurations: Json[] }).ipConfigurations.map((c) => {
    const props: Json = { ...(c.properties as Json), subnet: { id: subnet } };
    if (c.name === 'ipconfig1' && publicIp) props.publicIPAddress = { id: publicIp };
    else delete props.publicIPAddress;
    return { ...c, id: `${id}/ipConfigurations/${String(c.name)}`, properties: props };
  });
  const { networkSecurityGroup: _nsg, ...props } = base.properties as Json;
  return armResourceSchema.parse({ ...base, id, name: id.split('/').pop(), properties: { ...props, ipConfigurations: configs } });
}

/** The official PublicIpAddressGet example at `id`, attached to `ipConfiguration` (or unattached when null). */
export function publicIp(id: string, ipConfiguration: string | null): ArmResource {
  const base = netExample('PublicIpAddressGet.json');
  const { ipConfiguration: _attached, ...props } = base.properties as Json;
  return armResourceSchema.parse({
    ...base,
    id,
    name: id.split('/').pop(),
    properties: { ...props, ipAddress: '20.1.2.3', ...(ipConfiguration ? { ipConfiguration: { id: ipConfiguration } } : {}) },
  });
}

/** The official PrivateEndpointGet example at `id`, in `subnet`. */
export function privateEndpoint(id: string, subnet: string): ArmResource {
  const base = netExample('PrivateEndpointGet.json');
  return armResourceSchema.parse({ ...base, id, name: id.split('/').pop(), properties: { ...(base.properties as Json), subnet: { id: subnet } } });
}

/**
 * The official PrivateEndpointDnsZoneGroupGet example as a zone group of `endpoint` (the example's
 * id names a privateLinkServices parent, and the REST model has no `type`: the estate needs one).
 */
export function zoneGroup(endpoint: string, name: string, configs?: readonly Json[]): ArmResource {
  const base = netExample('PrivateEndpointDnsZoneGroupGet.json');
  const props = base.properties as Json;
  return armResourceSchema.parse({
    ...base,
    id: `${endpoint}/privateDnsZoneGroups/${name}`,
    name,
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    properties: { ...props, ...(configs ? { privateDnsZoneConfigs: configs } : {}) },
  });
}

const ML = 'arm-examples/machinelearningservices/2025-12-01';

/** The official compute example (`AmlCompute` or `ComputeInstance`) at `id`, injected into `subnet`; a cluster gets `maxNodeCount`. */
export function compute(kind: 'AmlCompute' | 'ComputeInstance', id: string, subnet: string | null, maxNodeCount?: number): ArmResource {
  const base = exampleBody(`${ML}/Compute/get/${kind}.json`) as Json;
  const outer = base.properties as Json;
  const inner = { ...(outer.properties as Json) };
  if (subnet) inner.subnet = { id: subnet };
  else delete inner.subnet;
  if (maxNodeCount !== undefined) inner.scaleSettings = { ...(inner.scaleSettings as Json), maxNodeCount };
  return armResourceSchema.parse({ ...base, id, name: id.split('/').pop(), properties: { ...outer, properties: inner } });
}
