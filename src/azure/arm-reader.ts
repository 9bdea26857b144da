import { parseArmId, type ArmResource } from '../model';
import type { OperationOptions } from '@azure/core-client';
import { descriptorOfId, RESOURCE_DESCRIPTORS, type ResourceDescriptor, type ResourceRead } from '../resources';
import { compute } from '../resources/compute';
import { onlineEndpoint } from '../resources/online-endpoint';
import { privateDnsZoneGroup } from '../resources/private-dns-zone-group';
import { workspace } from '../resources/workspace';
import { isNotFound } from './arm-error';
import type { ArmClients } from './clients';
import { listReadableSubscriptions } from './subscriptions';
import { WireCapture } from './wire-body';
import { typeFromId } from './type-from-id';
import { captureWire } from './wire-scope';
import { listPrincipalAssignments, type PrincipalAssignments } from './role-assignments';
import * as lists from './guardrail-lists';
import { getPolicySetDefinition } from './policy-set-definitions';
import { queryInventory, type GraphQueryResult } from './resource-graph';

/** Reads the current state of resources from ARM, in wire shape. */
export interface ArmReader {
  /** The resource, or null when ARM says 404 (deleted). Throws on any other failure. */
  get(id: string): Promise<ArmResource | null>;
  /** Subscriptions the identity can read (enabled ones), for a sweep with none configured. */
  listSubscriptions(): Promise<string[]>;
  listWorkspaces(subscriptionId: string): Promise<ArmResource[]>;
  listComputes(workspaceId: string): Promise<ArmResource[]>;
  /** The private DNS zone groups of a private endpoint; null when the endpoint is gone (404). */
  listPrivateDnsZoneGroups(privateEndpointId: string): Promise<ArmResource[] | null>;
  listOnlineEndpoints(workspaceId: string): Promise<ArmResource[]>;
  /** A principal's role assignments visible from the subscription (`$filter=principalId eq`). */
  listPrincipalAssignments(subscriptionId: string, principalId: string): Promise<PrincipalAssignments>;
  listConnections(workspaceId: string): Promise<ArmResource[]>;
  listDeployments(endpointId: string): Promise<ArmResource[]>;
  listMlRegistries(subscriptionId: string): Promise<ArmResource[]>;
  listDiagnosticSettings(resourceId: string): Promise<ArmResource[]>;
  listWorkspacesInGroup(resourceGroupId: string): Promise<ArmResource[]>;
  /** Budgets defined at exactly `scope` (subscription or resource group). */
  listBudgets(scope: string): Promise<ArmResource[]>;
  /** Assignments at the subscription and inherited from management groups (see guardrail-lists.ts). */
  listPolicyAssignments(subscriptionId: string): Promise<ArmResource[]>;
  /** A policy set definition (built in, at a management group or a subscription) that an assignment of `subscriptionId` names; null when gone (404). */
  getPolicySetDefinition(id: string, subscriptionId: string): Promise<ArmResource | null>;
  /** Resource types `get` can read (lower case). */
  readonly readableTypes: ReadonlySet<string>;
  /** Every resource of the inventoried types in the subscriptions, from Azure Resource Graph (throws ResourceGraphRefusedError when refused). */
  inventory(subscriptions: readonly string[]): Promise<GraphQueryResult>;
  /** The reader of ARM's current state: itself, unless it answers from snapshots (a remediation verifies on this one). */
  readonly live: ArmReader;
}

/**
 * Runs a descriptor's read and returns the resource in wire shape (a missing `type` filled in
 * from the id). A 404 rejects with a RestError.
 */
export async function readWire(clients: ArmClients, read: ResourceRead, armType: string, id: string): Promise<ArmResource> {
  const parsed = parseArmId(id);
  const capture = new WireCapture();
  if (read.capture === 'options') await read.call(clients, parsed, capture.options);
  else await captureWire(capture, () => read.call(clients, parsed, {}), typeFromId(armType));
  return capture.resource(`GET ${id}`);
}

/** Every page of a descriptor's listing under `scopeId` (a subscription or the parent), in wire shape. */
export async function listWire(clients: ArmClients, descriptor: ResourceDescriptor, scopeId: string): Promise<ArmResource[]> {
  const list = descriptor.list;
  if (!list) throw new Error(`${descriptor.armType} has no listing`);
  const scope = parseArmId(scopeId);
  const capture = new WireCapture();
  const pages = async (options: OperationOptions) => {
    for await (const _page of list.call(clients, scope, options).byPage()) {
      // bodies are captured page by page; the SDK models are not used
    }
  };
  if (list.capture === 'options') await pages(capture.options);
  else await captureWire(capture, () => pages({}), typeFromId(descriptor.armType));
  return capture.listed(`list ${descriptor.armType} under ${scopeId}`);
}

export class SdkArmReader implements ArmReader {
  readonly readableTypes: ReadonlySet<string> = new Set(RESOURCE_DESCRIPTORS.filter((d) => d.read !== undefined).map((d) => d.type));

  constructor(private readonly clients: ArmClients) {}

  get live(): ArmReader {
    return this;
  }

  inventory(subscriptions: readonly string[]): Promise<GraphQueryResult> {
    return queryInventory(this.clients.connection, subscriptions);
  }

  async get(id: string): Promise<ArmResource | null> {
    const descriptor = descriptorOfId(id);
    if (!descriptor?.read) throw new Error(`cannot read resources of type ${descriptor?.type || '(none)'}: ${id}`);
    try {
      return await readWire(this.clients, descriptor.read, descriptor.armType, id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  listSubscriptions(): Promise<string[]> {
    return listReadableSubscriptions(this.clients.connection);
  }

  listWorkspaces(subscriptionId: string): Promise<ArmResource[]> {
    return listWire(this.clients, workspace, `/subscriptions/${subscriptionId}`);
  }

  listComputes(workspaceId: string): Promise<ArmResource[]> {
    return listWire(this.clients, compute, workspaceId);
  }

  async listPrivateDnsZoneGroups(privateEndpointId: string): Promise<ArmResource[] | null> {
    try {
      return await listWire(this.clients, privateDnsZoneGroup, privateEndpointId);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  listOnlineEndpoints(workspaceId: string): Promise<ArmResource[]> {
    return listWire(this.clients, onlineEndpoint, workspaceId);
  }

  listPrincipalAssignments(subscriptionId: string, principalId: string): Promise<PrincipalAssignments> {
    return listPrincipalAssignments(this.clients, subscriptionId, principalId);
  }

  listConnections(workspaceId: string): Promise<ArmResource[]> {
    return lists.listConnections(this.clients, workspaceId);
  }

  listDeployments(endpointId: string): Promise<ArmResource[]> {
    return lists.listDeployments(this.clients, endpointId);
  }

  listMlRegistries(subscriptionId: string): Promise<ArmResource[]> {
    return lists.listMlRegistries(this.clients, subscriptionId);
  }

  listDiagnosticSettings(resourceId: string): Promise<ArmResource[]> {
    return lists.listDiagnosticSettings(this.clients, resourceId);
  }

  listWorkspacesInGroup(resourceGroupId: string): Promise<ArmResource[]> {
    return lists.listWorkspacesInGroup(this.clients, resourceGroupId);
  }

  listBudgets(scope: string): Promise<ArmResource[]> {
    return lists.listBudgets(this.clients, scope);
  }

  listPolicyAssignments(subscriptionId: string): Promise<ArmResource[]> {
    return lists.listPolicyAssignments(this.clients, subscriptionId);
  }

  getPolicySetDefinition(id: string, subscriptionId: string): Promise<ArmResource | null> {
    return getPolicySetDefinition(this.clients, id, subscriptionId);
  }
}
