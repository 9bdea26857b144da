import { z } from 'zod';
import { idKey, parentResourceId, parseArmId, resourceTypeOf, ResourceTypes, subjectTypeOf, type ArmResource } from '../model';
import type { ArmReader } from './arm-reader';
import type { PrincipalAssignments } from './role-assignments';
import type { GraphQueryResult } from './resource-graph';

const subnetsOf = z.looseObject({ subnets: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })).nullish() });
const assignmentProps = z.looseObject({ principalId: z.string().nullish().catch(null) });

/**
 * Answers reads from an inventory (Resource Graph snapshots of every resource of `covered`
 * types in `subscriptions`, the subscriptions and their resource groups included): a covered
 * resource absent from it does not exist (null, like a 404). Subnets come from their virtual
 * network's snapshot. Everything else (other types, other subscriptions, private DNS zone
 * groups) is read from ARM through `live`,
 * and so is a resource the sweep wrote (`forget`). Writers and the remediation's read-back use
 * `live`: a snapshot is never the basis of a write.
 */
export class SnapshotReader implements ArmReader {
  private readonly byId = new Map<string, ArmResource>();
  private readonly childrenOf = new Map<string, ArmResource[]>();
  private readonly assignmentsOf = new Map<string, ArmResource[]>();
  private readonly forgotten = new Set<string>();
  private readonly subscriptions: ReadonlySet<string>;

  constructor(
    readonly live: ArmReader,
    snapshots: readonly ArmResource[],
    subscriptions: readonly string[],
    private readonly covered: ReadonlySet<string>,
  ) {
    this.subscriptions = new Set(subscriptions.map((s) => s.toLowerCase()));
    for (const r of snapshots) {
      this.byId.set(idKey(r.id), r);
      const parent = parentResourceId(r.id);
      if (parent !== undefined) push(this.childrenOf, idKey(parent), r);
      if (resourceTypeOf(r.id) === ResourceTypes.roleAssignment) {
        const principal = assignmentProps.safeParse(r.properties ?? {}).data?.principalId;
        if (principal) push(this.assignmentsOf, principal.toLowerCase(), r);
      }
    }
  }

  get readableTypes(): ReadonlySet<string> {
    return this.live.readableTypes;
  }

  /** The sweep wrote `id`: its snapshot is stale, the next read goes to ARM (and its answer replaces the snapshot). */
  forget(id: string): void {
    this.forgotten.add(idKey(id));
  }

  /** Every snapshot of a type, in one subscription. */
  ofType(type: string, subscriptionId: string): ArmResource[] {
    const sub = subscriptionId.toLowerCase();
    return [...this.byId.values()].filter((r) => resourceTypeOf(r.id) === type && parseArmId(r.id).subscriptionId.toLowerCase() === sub);
  }

  async get(id: string): Promise<ArmResource | null> {
    const key = idKey(id);
    if (this.forgotten.has(key) && resourceTypeOf(id) !== ResourceTypes.subnet) {
      const fresh = await this.live.get(id);
      this.forgotten.delete(key);
      if (fresh) this.byId.set(key, fresh);
      else this.byId.delete(key);
      return fresh;
    }
    if (!this.answers(id)) return this.live.get(id);
    if (resourceTypeOf(id) === ResourceTypes.subnet) return this.subnet(id);
    return this.byId.get(idKey(id)) ?? null;
  }

  listSubscriptions(): Promise<string[]> {
    return this.live.listSubscriptions();
  }

  async listWorkspaces(subscriptionId: string): Promise<ArmResource[]> {
    if (!this.subscriptions.has(subscriptionId.toLowerCase())) return this.live.listWorkspaces(subscriptionId);
    return this.ofType(ResourceTypes.workspace, subscriptionId);
  }

  async listComputes(workspaceId: string): Promise<ArmResource[]> {
    return this.children(workspaceId, ResourceTypes.compute, () => this.live.listComputes(workspaceId));
  }

  async listOnlineEndpoints(workspaceId: string): Promise<ArmResource[]> {
    return this.children(workspaceId, ResourceTypes.onlineEndpoint, () => this.live.listOnlineEndpoints(workspaceId));
  }

  async listDeployments(endpointId: string): Promise<ArmResource[]> {
    return this.children(endpointId, ResourceTypes.onlineDeployment, () => this.live.listDeployments(endpointId));
  }

  async listMlRegistries(subscriptionId: string): Promise<ArmResource[]> {
    if (!this.subscriptions.has(subscriptionId.toLowerCase()) || !this.covered.has(ResourceTypes.mlRegistry)) return this.live.listMlRegistries(subscriptionId);
    return this.ofType(ResourceTypes.mlRegistry, subscriptionId);
  }

  /** Connections, diagnostic settings, budgets, policy assignments and set definitions: read from ARM (Resource Graph does not hold them here). */
  listConnections(workspaceId: string): Promise<ArmResource[]> {
    return this.live.listConnections(workspaceId);
  }

  listDiagnosticSettings(resourceId: string): Promise<ArmResource[]> {
    return this.live.listDiagnosticSettings(resourceId);
  }

  async listWorkspacesInGroup(resourceGroupId: string): Promise<ArmResource[]> {
    const p = parseArmId(resourceGroupId);
    if (!this.subscriptions.has(p.subscriptionId.toLowerCase()) || !this.covered.has(ResourceTypes.workspace)) return this.live.listWorkspacesInGroup(resourceGroupId);
    return this.ofType(ResourceTypes.workspace, p.subscriptionId).filter((w) => parseArmId(w.id).resourceGroup?.toLowerCase() === p.resourceGroup?.toLowerCase());
  }

  listBudgets(scope: string): Promise<ArmResource[]> {
    return this.live.listBudgets(scope);
  }

  listPolicyAssignments(subscriptionId: string): Promise<ArmResource[]> {
    return this.live.listPolicyAssignments(subscriptionId);
  }

  getPolicySetDefinition(id: string, subscriptionId: string): Promise<ArmResource | null> {
    return this.live.getPolicySetDefinition(id, subscriptionId);
  }

  listPrivateDnsZoneGroups(privateEndpointId: string): Promise<ArmResource[] | null> {
    return this.live.listPrivateDnsZoneGroups(privateEndpointId);
  }

  /** The principal's assignments in the subscription, from AuthorizationResources (assignments above subscriptions are not in the inventory). */
  async listPrincipalAssignments(subscriptionId: string, principalId: string): Promise<PrincipalAssignments> {
    const sub = subscriptionId.toLowerCase();
    if (!this.subscriptions.has(sub) || !this.covered.has(ResourceTypes.roleAssignment)) return this.live.listPrincipalAssignments(subscriptionId, principalId);
    const assignments = (this.assignmentsOf.get(principalId.toLowerCase()) ?? []).filter((a) => parseArmId(a.id).subscriptionId.toLowerCase() === sub);
    return { assignments, outsideModel: [] };
  }

  inventory(subscriptions: readonly string[]): Promise<GraphQueryResult> {
    return this.live.inventory(subscriptions);
  }

  private answers(id: string): boolean {
    if (this.forgotten.has(idKey(id))) return false;
    let sub: string;
    try {
      sub = parseArmId(id).subscriptionId.toLowerCase();
    } catch {
      return false;
    }
    if (!this.subscriptions.has(sub)) return false;
    const type = subjectTypeOf(id); // a resource group or subscription id has no provider: resourceTypeOf gives ''
    return this.covered.has(type === ResourceTypes.subnet ? ResourceTypes.virtualNetwork : type);
  }

  private async subnet(id: string): Promise<ArmResource | null> {
    const vnet = this.byId.get(idKey(parentResourceId(id) ?? ''));
    const found = (subnetsOf.safeParse(vnet?.properties ?? {}).data?.subnets ?? []).find((s) => idKey(s.id) === idKey(id));
    if (!found) return null;
    const subnet: ArmResource = { name: id.split('/').pop() ?? '', ...found, type: 'Microsoft.Network/virtualNetworks/subnets' };
    return subnet;
  }

  private async children(workspaceId: string, type: string, fromArm: () => Promise<ArmResource[]>): Promise<ArmResource[]> {
    if (!this.answers(workspaceId) || !this.covered.has(type)) return fromArm();
    return (this.childrenOf.get(idKey(workspaceId)) ?? []).filter((r) => resourceTypeOf(r.id) === type);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
