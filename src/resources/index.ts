import { resourceTypeOf, tryParseArmId } from '../model';
import { budget } from './budget';
import { compute } from './compute';
import { containerRegistry } from './container-registry';
import type { ResourceDescriptor } from './descriptor';
import { diagnosticSetting } from './diagnostic-setting';
import { environmentVersion } from './environment-version';
import { keyVault } from './key-vault';
import { managedCluster } from './managed-cluster';
import { mlRegistry } from './ml-registry';
import { networkInterface } from './network-interface';
import { networkSecurityGroup } from './network-security-group';
import { onlineDeployment } from './online-deployment';
import { onlineEndpoint } from './online-endpoint';
import { outboundRule } from './outbound-rule';
import { policyAssignment } from './policy-assignment';
import { policySetDefinition } from './policy-set-definition';
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
import { workspaceConnection } from './workspace-connection';

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
  onlineDeployment,
  environmentVersion,
  workspaceConnection,
  outboundRule,
  mlRegistry,
  diagnosticSetting,
  budget,
  policyAssignment,
  policySetDefinition,
  managedCluster,
];

const BY_TYPE: ReadonlyMap<string, ResourceDescriptor> = new Map(RESOURCE_DESCRIPTORS.map((d) => [d.type, d]));

/** The descriptor of a lower-case resource type. */
export function descriptorOf(type: string): ResourceDescriptor | undefined {
  return BY_TYPE.get(type);
}

/**
 * The descriptor of the resource an id names. `resourceTypeOf` gives '' for
 * `/subscriptions/{s}/resourceGroups/{rg}` and `/subscriptions/{s}` (no provider): such an id is
 * a resource group or a subscription.
 */
export function descriptorOfId(id: string): ResourceDescriptor | undefined {
  const type = resourceTypeOf(id);
  if (type !== '') return BY_TYPE.get(type);
  const p = tryParseArmId(id);
  if (p === undefined || p.provider !== undefined) return undefined;
  return p.resourceGroup !== undefined ? resourceGroup : subscription;
}

export { acceptsRemediation, type PropertyPatch, type Relay, type ResourceDescriptor, type ResourceRead } from './descriptor';
export type { SdkClientSource, SdkClients, SdkKind } from './sdk-clients';
