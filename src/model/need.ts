import { ResourceTypes } from './arm-resource';

/**
 * What a rule reads beyond its subject, by name: a rule declares its needs, the engine gathers
 * exactly those (plus what keeps the link index and the sweep going), and a need no gatherer
 * serves for a type it is declared on is an error at start-up. `on`: the subject types the need
 * exists for (a rule on several types asks it only for those).
 */
export const NEEDS = {
  /** The workspace a compute or online deployment belongs to (its managed network, its container registry). */
  parentWorkspace: { on: [ResourceTypes.compute, ResourceTypes.onlineDeployment] },
  /** An online deployment's endpoint (its traffic split). */
  parentEndpoint: { on: [ResourceTypes.onlineDeployment] },
  /** The workspace environment version an online deployment runs (its image). */
  deploymentEnvironment: { on: [ResourceTypes.onlineDeployment] },
  /** The AKS cluster a Kubernetes / AKS compute is attached to. */
  kubernetesCluster: { on: [ResourceTypes.compute] },
  /** The computes injected into the subnets an NSG guards (their public IPs). */
  nsgComputes: { on: [ResourceTypes.nsg] },
  /** The diagnostic settings of a workspace. */
  diagnosticSettings: { on: [ResourceTypes.workspace] },
  /** The workspaces of a resource group, and the budgets at the group and at its subscription. */
  resourceGroupBudgets: { on: [ResourceTypes.resourceGroup] },
  /** The policy assignments that apply to a subscription (at it, or inherited from management groups). */
  policyAssignments: { on: [ResourceTypes.subscription] },
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
