import { armResourceSchema, type ArmResource } from '../../src/model';
import { exampleBody, exampleResource } from './fixtures';

/** Official Machine Learning / Authorization examples used by the compute, endpoint and identity tests. */
export const ML = 'arm-examples/machinelearningservices/2025-12-01';
export const AUTHZ = 'arm-examples/authorization/2022-04-01';
export const CMP_SUB = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

type Json = Record<string, unknown>;

export const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
export const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
export const USER_ACCESS_ADMIN = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
export const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

export const wsId = (rg: string, ws: string, sub = CMP_SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`;
export const computeId = (rg: string, ws: string, name: string, sub = CMP_SUB) => `${wsId(rg, ws, sub)}/computes/${name}`;
export const endpointId = (rg: string, ws: string, name: string, sub = CMP_SUB) => `${wsId(rg, ws, sub)}/onlineEndpoints/${name}`;

/** Deep merge of plain objects (arrays and scalars in `over` replace). */
export function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' && !Array.isArray(b) ? merge(b as Json, v as Json) : v;
  }
  return out;
}

/** Removes `properties.properties.<key>` for each key (to test missing values). */
export function withoutInner(r: ArmResource, ...keys: string[]): ArmResource {
  const props = { ...(r.properties ?? {}) };
  const inner = { ...((props.properties as Json | undefined) ?? {}) };
  for (const k of keys) delete inner[k];
  return { ...r, properties: { ...props, properties: inner } };
}

/** The official ComputeInstance GET example at `id`, deep-merged with `over` (e.g. `{ properties: { properties: {...} } }`). */
export function instance(id: string, over: Json = {}): ArmResource {
  const base = exampleResource(`${ML}/Compute/get/ComputeInstance.json`) as Json;
  return armResourceSchema.parse(merge({ ...base, id, name: id.split('/').pop() }, over));
}

/** The official AmlCompute (cluster) GET example at `id`, deep-merged with `over`. */
export function cluster(id: string, over: Json = {}): ArmResource {
  const base = exampleResource(`${ML}/Compute/get/AmlCompute.json`) as Json;
  return armResourceSchema.parse(merge({ ...base, id, name: id.split('/').pop() }, over));
}

/** The official Workspace GET example at `id` (system + user-assigned identity, managed network AllowOnlyApprovedOutbound), deep-merged with `over`. */
export function mlWorkspace(id: string, over: Json = {}): ArmResource {
  const base = exampleResource(`${ML}/Workspace/get.json`) as Json;
  return armResourceSchema.parse(merge({ ...base, id, name: id.split('/').pop() }, over));
}

/** The official OnlineEndpoint GET example (its id / name / type are the placeholder "string"), given a real id. */
export function onlineEndpoint(id: string, over: Json = {}): ArmResource {
  const base = exampleBody(`${ML}/Workspace/OnlineEndpoint/get.json`) as Json;
  return armResourceSchema.parse(merge({ ...base, id, name: id.split('/').pop(), type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', location: 'westeurope' }, over));
}

/** A role assignment shaped as the official RoleAssignments_Delete (GET-shaped) example, at `scope`. */
export function roleAssignment(scope: string, name: string, principalId: string, roleGuid: string, props: Json = {}): ArmResource {
  const base = exampleBody(`${AUTHZ}/RoleAssignments_Delete.json`, '200') as Json;
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1] ?? CMP_SUB;
  return armResourceSchema.parse({
    ...base,
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    properties: {
      ...(base.properties as Json),
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
      principalId,
      principalType: 'ServicePrincipal',
      scope,
      ...props,
    },
  });
}
