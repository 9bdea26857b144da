import { resourceTypeOf, tryParseArmId } from '../model';
import { compute } from './compute';
import { containerRegistry } from './container-registry';
import type { ResourceDescriptor } from './descriptor';
import { keyVault } from './key-vault';
import { networkInterface } from './network-interface';
import { networkSecurityGroup } from './network-security-group';
import { onlineEndpoint } from './online-endpoint';
import { privateDnsZoneGroup } from './private-dns-zone-group';
import { privateEndpoint } from './private-endpoint';
import { publicIpAddress } from './public-ip-address';
import { resourceGroup } from './resource-group';
import { roleAssignment } from './role-assignment';
import { storageAccount } from './storage-account';
import { subnet } from './subnet';
import { subscription } from './subscription';
import { tags } from './tags';
import { virtualNetwork } from './virtual-network';
import { workspace } from './workspace';

/** Every ARM resource type AML Guard reads, writes or listens to: the one list the registries derive from. */
export const RESOURCE_DESCRIPTORS: readonly ResourceDescriptor[] = [
  subscription,
  resourceGroup,
  workspace,
  compute,
  onlineEndpoint,
  storageAccount,
  keyVault,
  containerRegistry,
  networkSecurityGroup,
  networkInterface,
  publicIpAddress,
  virtualNetwork,
  subnet,
  privateEndpoint,
  privateDnsZoneGroup,
  roleAssignment,
  tags,
];

const BY_TYPE: ReadonlyMap<string, ResourceDescriptor> = new Map(RESOURCE_DESCRIPTORS.map((d) => [d.type, d]));

/** The descriptor of a lower-case resource type. */
export function descriptorOf(type: string): ResourceDescriptor | undefined {
  return BY_TYPE.get(type);
}

/**
 * The descriptor of the resource an id names. `resourceTypeOf` gives '' for
 * `/subscriptions/{s}/resourceGroups/{rg}` (no provider): such an id is a resource group.
 */
export function descriptorOfId(id: string): ResourceDescriptor | undefined {
  const type = resourceTypeOf(id);
  if (type !== '') return BY_TYPE.get(type);
  const p = tryParseArmId(id);
  return p?.resourceGroup !== undefined && p.provider === undefined ? resourceGroup : undefined;
}

export { acceptsRemediation, type PropertyPatch, type Relay, type ResourceDescriptor, type ResourceRead } from './descriptor';
export type { SdkClientSource, SdkClients, SdkKind } from './sdk-clients';
