import { ResourceTypes } from './arm-resource';

/**
 * What a rule reads beyond its subject, by name: a rule declares its needs, the engine gathers
 * exactly those (plus what keeps the link index and the sweep going), and a need no gatherer
 * serves for a type it is declared on is an error at start-up. `on`: the subject types the need
 * exists for (a rule on several types asks it only for those).
 */
export const NEEDS = {
  /** A compute's parent workspace snapshot (its managed network). */
  parentWorkspace: { on: [ResourceTypes.compute] },
  /** A workspace's private endpoints and their private DNS zone groups. */
  workspacePrivateEndpoints: { on: [ResourceTypes.workspace] },
  /** The workspaces that link a storage account / key vault / registry (links + their snapshots). */
  linkingWorkspaces: { on: [ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry] },
  /** The subject's resource group snapshot, when tags are copied from it. */
  resourceGroup: { on: [ResourceTypes.workspace, ResourceTypes.storageAccount, ResourceTypes.keyVault, ResourceTypes.containerRegistry] },
  /** An NSG's NICs and the AML links (compute / private endpoint) of the subnets it guards. */
  nsgAttachments: { on: [ResourceTypes.nsg] },
  /** A public IP's NIC and the AML links of that NIC's subnets. */
  publicIpNic: { on: [ResourceTypes.publicIp] },
  /** The computes injected into a subnet (links + their snapshots). */
  subnetComputes: { on: [ResourceTypes.subnet] },
  /** The workspaces / computes whose managed identity a role assignment names (links). */
  identityHolders: { on: [ResourceTypes.roleAssignment] },
} as const satisfies Record<string, { readonly on: readonly string[] }>;

export type Need = keyof typeof NEEDS;

/** Whether `need` is asked for subjects of `type`. */
export function needExistsOn(need: Need, type: string): boolean {
  const on: readonly string[] = NEEDS[need].on;
  return on.includes(type);
}
