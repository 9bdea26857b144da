import { armResourceSchema, type ArmResource } from '../../src/model';
import { merge, ML } from './compute-estate';
import { exampleBody } from './fixtures';

/**
 * Builders for issue 12's resource types, each from its official example (test/fixtures), placed
 * at a real id: online deployments, environment versions, ML registries, workspace connections,
 * AKS / Kubernetes computes, AKS clusters, diagnostic settings, budgets, policy assignments.
 */
export const GR_SUB = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
type Json = Record<string, unknown>;

export const rgScope = (rg: string, sub = GR_SUB) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const workspaceOf = (rg: string, ws: string, sub = GR_SUB) => `${rgScope(rg, sub)}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`;
export const endpointOf = (rg: string, ws: string, ep: string, sub = GR_SUB) => `${workspaceOf(rg, ws, sub)}/onlineEndpoints/${ep}`;
export const deploymentOf = (rg: string, ws: string, ep: string, name: string, sub = GR_SUB) => `${endpointOf(rg, ws, ep, sub)}/deployments/${name}`;
export const environmentVersionOf = (rg: string, ws: string, env: string, version: string, sub = GR_SUB) => `${workspaceOf(rg, ws, sub)}/environments/${env}/versions/${version}`;
export const connectionOf = (rg: string, ws: string, name: string, sub = GR_SUB) => `${workspaceOf(rg, ws, sub)}/connections/${name}`;
export const mlRegistryOf = (rg: string, name: string, sub = GR_SUB) => `${rgScope(rg, sub)}/providers/Microsoft.MachineLearningServices/registries/${name}`;
export const clusterOf = (rg: string, name: string, sub = GR_SUB) => `${rgScope(rg, sub)}/providers/Microsoft.ContainerService/managedClusters/${name}`;

function placed(body: unknown, id: string, type: string, over: Json): ArmResource {
  const base = { ...(body as Json), id, name: id.split('/').pop(), type };
  return armResourceSchema.parse(merge(base, over));
}

/** The official ManagedOnlineDeployment GET (placeholder id / model / environment "string"). */
export function deployment(id: string, over: Json = {}): ArmResource {
  return placed(exampleBody(`${ML}/OnlineDeployment/ManagedOnlineDeployment/get.json`), id, 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments', { location: 'westeurope', ...over });
}

/** The official EnvironmentVersion GET (image docker.io/tensorflow/serving:latest). */
export function environmentVersion(id: string, over: Json = {}): ArmResource {
  return placed(exampleBody(`${ML}/Workspace/EnvironmentVersion/get.json`), id, 'Microsoft.MachineLearningServices/workspaces/environments/versions', over);
}

/** The official Registries_Update response: public (Enabled) with one approved private endpoint connection. */
export function mlRegistry(id: string, over: Json = {}): ArmResource {
  return placed(exampleBody(`${ML}/Registries/update.json`), id, 'Microsoft.MachineLearningServices/registries', over);
}

/** The official WorkspaceConnection GET (ContainerRegistry, authType None). */
export function connection(id: string, over: Json = {}): ArmResource {
  return placed(exampleBody(`${ML}/WorkspaceConnection/get.json`), id, 'Microsoft.MachineLearningServices/workspaces/connections', over);
}

/** The official AKS (or Kubernetes) compute GET, attached to `clusterId`. */
export function kubernetesCompute(id: string, kind: 'AKS' | 'Kubernetes', clusterId: string, over: Json = {}): ArmResource {
  const body = exampleBody(`${ML}/Compute/get/${kind === 'AKS' ? 'AKSCompute' : 'KubernetesCompute'}.json`);
  return placed(body, id, 'Microsoft.MachineLearningServices/workspaces/computes', merge({ properties: { resourceId: clusterId } }, over));
}

/** The official ManagedClusters_Get (public API server, no authorized IP ranges). */
export function managedCluster(id: string, over: Json = {}): ArmResource {
  return placed(exampleBody('arm-examples/containerservice/2026-04-01/ManagedClustersGet.json'), id, 'Microsoft.ContainerService/managedClusters', over);
}

/** The official diagnostic setting GET (allLogs to storage and an event hub) on `scope`. */
export function diagnosticSetting(scope: string, name: string, over: Json = {}): ArmResource {
  return placed(exampleBody('arm-examples/monitor/2021-05-01-preview/getDiagnosticSetting.json'), `${scope}/providers/Microsoft.Insights/diagnosticSettings/${name}`, 'Microsoft.Insights/diagnosticSettings', over);
}

/** The official Budget GET (one enabled notification) at `scope`. */
export function budget(scope: string, name: string, over: Json = {}): ArmResource {
  return placed(exampleBody('arm-examples/consumption/2024-08-01/Budget.json'), `${scope}/providers/Microsoft.Consumption/budgets/${name}`, 'Microsoft.Consumption/budgets', over);
}

/** The official policy assignment GET at `scope`. An assignment inherited from a management group is placed under the subscription with `properties.scope` = the group (its id cannot be an ARM snapshot id). */
export function policyAssignment(scope: string, name: string, policyDefinitionId: string, over: Json = {}): ArmResource {
  const body = exampleBody('arm-examples/policy/2025-03-01/getPolicyAssignmentWithIdentityById.json');
  return placed(body, `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`, 'Microsoft.Authorization/policyAssignments', merge({ properties: { scope, policyDefinitionId, parameters: {} } }, over));
}

/** Microsoft cloud security benchmark, the built-in initiative Defender for Cloud assigns (the official GetBuiltIn example's name). */
export const MCSB_SET = '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8';
export const setAtManagementGroup = (mg: string, name: string) => `/providers/Microsoft.Management/managementGroups/${mg}/providers/Microsoft.Authorization/policySetDefinitions/${name}`;
export const setAtSubscription = (name: string, sub = GR_SUB) => `/subscriptions/${sub}/providers/Microsoft.Authorization/policySetDefinitions/${name}`;

/** A member of a policy set definition: the policy, its reference id and (optionally) its `effect` parameter value. */
export interface SetMember {
  readonly policyDefinitionId: string;
  readonly referenceId: string;
  readonly effect?: string;
}

/**
 * A policy set definition from its official example for where `id` is (built in: GetBuiltIn; a
 * management group: Get at management group; a subscription: CreateOrUpdate's answer), placed at
 * `id`, with `members` appended to the example's own and `parameters` merged into its parameters.
 */
export function policySetDefinition(id: string, members: readonly SetMember[], parameters: Json = {}): ArmResource {
  const example = id.toLowerCase().startsWith('/subscriptions/')
    ? 'arm-examples/policy/2025-03-01/createOrUpdatePolicySetDefinition.json'
    : id.toLowerCase().startsWith('/providers/microsoft.management/')
      ? 'arm-examples/policy/2023-04-01/getPolicySetDefinitionAtManagementGroup.json'
      : 'arm-examples/policy/2025-03-01/getBuiltInPolicySetDefinition.json';
  const body = exampleBody(example) as Json;
  const props = body.properties as Json;
  const own = props.policyDefinitions as Json[];
  const added = members.map((m) => ({
    policyDefinitionId: m.policyDefinitionId,
    policyDefinitionReferenceId: m.referenceId,
    ...(m.effect !== undefined ? { parameters: { effect: { value: m.effect } } } : {}),
  }));
  const merged = merge(body, { properties: { parameters: { ...((props.parameters as Json | undefined) ?? {}), ...parameters } } });
  return placed({ ...merged, properties: { ...(merged.properties as Json), policyDefinitions: [...own, ...added] } }, id, 'Microsoft.Authorization/policySetDefinitions', {});
}

/** A set parameter as an initiative declares it (the workspace policy's allowed effects). */
export function effectParameter(defaultValue?: string): Json {
  return { type: 'String', allowedValues: ['Audit', 'Deny', 'Disabled'], ...(defaultValue !== undefined ? { defaultValue } : {}), metadata: { displayName: 'Effect' } };
}

export function resourceGroup(rg: string, sub = GR_SUB): ArmResource {
  return armResourceSchema.parse({ id: rgScope(rg, sub), name: rg, type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', properties: { provisioningState: 'Succeeded' } });
}

export function subscription(sub = GR_SUB): ArmResource {
  return armResourceSchema.parse({ id: `/subscriptions/${sub}`, name: sub, type: 'Microsoft.Resources/subscriptions' });
}
