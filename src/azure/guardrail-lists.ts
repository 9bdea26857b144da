import { parseArmId, type ArmResource } from '../model';
import { API_VERSIONS } from '../resources/api-versions';
import { rawGet } from '../resources/raw-read';
import type { ArmClients } from './clients';
import { WireCapture } from './wire-body';
import { captureWire } from './wire-scope';
import { typeFromId } from './type-from-id';

/**
 * The list reads of issue 12's gatherers and sweep discovery, each in wire shape: a workspace's
 * connections, an endpoint's deployments, a subscription's ML registries, a resource's diagnostic
 * settings, a group's workspaces, the budgets at a scope, a subscription's policy assignments.
 */
export async function listConnections(clients: ArmClients, workspaceId: string): Promise<ArmResource[]> {
  const p = parseArmId(workspaceId);
  const capture = new WireCapture();
  for await (const _page of clients.machineLearning(p.subscriptionId).workspaceConnections.list(p.resourceGroup!, p.names[0]!, capture.options).byPage()) {
    // bodies captured
  }
  return capture.listed(`list connections of ${workspaceId}`);
}

export async function listDeployments(clients: ArmClients, endpointId: string): Promise<ArmResource[]> {
  const p = parseArmId(endpointId);
  const capture = new WireCapture();
  for await (const _page of clients.machineLearning(p.subscriptionId).onlineDeployments.list(p.resourceGroup!, p.names[0]!, p.names[1]!, capture.options).byPage()) {
    // bodies captured
  }
  return capture.listed(`list deployments of ${endpointId}`);
}

export async function listWorkspacesInGroup(clients: ArmClients, resourceGroupId: string): Promise<ArmResource[]> {
  const p = parseArmId(resourceGroupId);
  const capture = new WireCapture();
  for await (const _page of clients.machineLearning(p.subscriptionId).workspaces.listByResourceGroup(p.resourceGroup!, capture.options).byPage()) {
    // bodies captured
  }
  return capture.listed(`list workspaces in ${resourceGroupId}`);
}

/** Raw list (the pinned ML SDK has no registries operations). */
export async function listMlRegistries(clients: ArmClients, subscriptionId: string): Promise<ArmResource[]> {
  const capture = new WireCapture();
  const client = clients.machineLearning(subscriptionId);
  await captureWire(capture, () => rawGet(client, `/subscriptions/${subscriptionId}/providers/Microsoft.MachineLearningServices/registries`, API_VERSIONS.machineLearning));
  return capture.listed(`list ML registries in /subscriptions/${subscriptionId}`);
}

export async function listDiagnosticSettings(clients: ArmClients, resourceId: string): Promise<ArmResource[]> {
  const capture = new WireCapture();
  const client = clients.sdk('monitor', parseArmId(resourceId).subscriptionId);
  await captureWire(capture, async () => {
    for await (const _page of client.diagnosticSettings.list(resourceId.replace(/^\/+/, '')).byPage()) {
      // bodies captured by the pipeline policy
    }
  });
  return capture.listed(`list diagnostic settings of ${resourceId}`);
}

/** Budgets defined at exactly `scope` (a subscription or resource group id). Consumption may spell ids without the leading slash: fixed. */
export async function listBudgets(clients: ArmClients, scope: string): Promise<ArmResource[]> {
  const capture = new WireCapture();
  const client = clients.sdk('consumption', parseArmId(scope).subscriptionId);
  await captureWire(
    capture,
    async () => {
      for await (const _page of client.budgets.list(scope.replace(/^\/+/, '')).byPage()) {
        // bodies captured by the pipeline policy
      }
    },
    rootIds,
  );
  return capture.listed(`list budgets at ${scope}`);
}

/**
 * Policy assignments that apply to a subscription (`$filter=atScope()`: at it and inherited from
 * its management groups). An inherited assignment's id is not below a subscription, so it cannot
 * be a snapshot as is: it is placed at `/subscriptions/{s}/providers/Microsoft.Authorization/
 * policyAssignments/{name}` with `properties.scope` kept as the management group (AML-GOV-003 reads it).
 */
export async function listPolicyAssignments(clients: ArmClients, subscriptionId: string): Promise<ArmResource[]> {
  const capture = new WireCapture();
  const client = clients.sdk('policy', subscriptionId);
  await captureWire(
    capture,
    async () => {
      for await (const _page of client.policyAssignments.list({ filter: 'atScope()' }).byPage()) {
        // bodies captured by the pipeline policy
      }
    },
    (text) => reRootInherited(text, subscriptionId),
  );
  return capture.listed(`list policy assignments of /subscriptions/${subscriptionId}`);
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapItems(text: string, f: (item: Json) => Json): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isRecord(body) || !Array.isArray(body.value)) return text;
  return JSON.stringify({ ...body, value: body.value.map((item) => (isRecord(item) ? f(item) : item)) });
}

function rootIds(text: string): string {
  return typeFromId('Microsoft.Consumption/budgets')(mapItems(text, (item) => (typeof item.id === 'string' && !item.id.startsWith('/') ? { ...item, id: `/${item.id}` } : item)));
}

function reRootInherited(text: string, subscriptionId: string): string {
  return mapItems(text, (item) => {
    if (typeof item.id !== 'string' || item.id.toLowerCase().startsWith('/subscriptions/')) return item;
    const scope = item.id.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, '');
    const properties = isRecord(item.properties) ? item.properties : {};
    return { ...item, id: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/policyAssignments/${String(item.name)}`, properties: { ...properties, scope: properties.scope ?? scope } };
  });
}
